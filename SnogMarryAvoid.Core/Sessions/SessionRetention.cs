using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SnogMarryAvoid.Core.Sessions;

/// <summary>
/// The optional retention setting: with <c>Retention:DeleteSessionsOlderThanDays</c> set, sessions
/// created longer ago than that (and not live) are deleted with all their data, checked every hour.
/// Off by default: nothing is ever deleted unless an organiser deletes it.
/// </summary>
public sealed class SessionRetention(SessionService sessions, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<SessionRetention> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>The configured retention, or null when it is off.</summary>
    public TimeSpan? Retention => options.Value.Retention;

    /// <summary>One pass: deletes what is past retention. Returns how many sessions went.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        if (Retention is not { } keep)
        {
            return 0;
        }

        var deleted = await sessions.DeleteCreatedBeforeAsync(clock.GetUtcNow().UtcDateTime - keep, ct);
        if (deleted > 0)
        {
            logger.LogInformation("Retention: deleted {Count} session(s) older than {Days} days", deleted, keep.TotalDays);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Retention is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Retention pass failed; will try again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
