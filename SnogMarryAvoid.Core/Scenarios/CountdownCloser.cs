using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SnogMarryAvoid.Core.Scenarios;

/// <summary>
/// Closes voting when a countdown runs out. The deadline is stored with the scenario, so it holds if
/// the facilitator's laptop sleeps or the server restarts: this loop only looks for what is due.
/// </summary>
public sealed class CountdownCloser(ScenarioService scenarios, TimeProvider clock, ILogger<CountdownCloser> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await scenarios.CloseExpiredAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Closing expired countdowns failed; will try again");
            }
        }
    }
}
