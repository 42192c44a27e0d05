using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SnogMarryAvoid.Core.Live;

namespace SnogMarryAvoid.Core.Scenarios;

/// <summary>
/// Closes voting when a countdown runs out. The deadline is stored with the scenario, so it holds if the
/// facilitator's laptop sleeps or the server restarts: this loop only looks for what is due. It learns the
/// deadlines from the sessions' views as they change (on every server, with Redis) and wakes when the first is
/// due; it also looks in the database every <see cref="SafetyInterval"/>, for a deadline set while it could not
/// hear (before a restart, during a Redis outage). It used to ask the database twice a second, countdown or not.
/// </summary>
public sealed class CountdownCloser(ScenarioService scenarios, ISessionEvents events, TimeProvider clock, ILogger<CountdownCloser> logger) : BackgroundService
{
    /// <summary>How often the database is asked anyway, countdown or not.</summary>
    public static readonly TimeSpan SafetyInterval = TimeSpan.FromSeconds(10);

    /// <summary>A countdown is closed no earlier than its deadline, and this much after it at most when it was heard of.</summary>
    public static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<Guid, DateTime> _deadlines = new();
    // One release per view heard: the loop looks at the deadlines again for each (a view comes with a change, not a vote).
    private readonly SemaphoreSlim _changed = new(0, int.MaxValue);

    private IDisposable? _subscription;

    /// <summary>
    /// Listens from the moment the host has started it: .NET 10 runs the whole of <see cref="ExecuteAsync"/> on the thread
    /// pool, so a subscription made there could miss a countdown opened just after the start (a test caught it once, under
    /// load); until the look every <see cref="SafetyInterval"/>, it would then close late.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = events.SubscribeAll(Heard);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        _subscription?.Dispose();
        _subscription = null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastLook = clock.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            // When to look next: the first deadline heard of, or the look every SafetyInterval, whichever comes first.
            var next = clock.GetUtcNow().UtcDateTime + (SafetyInterval - clock.GetElapsedTime(lastLook));
            if (!_deadlines.IsEmpty && _deadlines.Values.Min() + Slack is var first && first < next)
            {
                next = first;
            }

            var wait = next - clock.GetUtcNow().UtcDateTime;
            if (wait > TimeSpan.Zero)
            {
                using var timeout = new CancellationTokenSource(wait, clock);
                using var either = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stoppingToken);
                try
                {
                    // Woken early when a view is heard (a nearer deadline, or one gone).
                    await _changed.WaitAsync(either.Token);
                    continue;
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                }
            }

            try
            {
                // Every deadline up to this moment is closed by the look that follows (it takes its own, later, now).
                lastLook = clock.GetTimestamp();
                var looked = clock.GetUtcNow().UtcDateTime;
                await scenarios.CloseExpiredAsync(stoppingToken);
                foreach (var (session, deadline) in _deadlines)
                {
                    if (deadline <= looked)
                    {
                        _deadlines.TryRemove(new KeyValuePair<Guid, DateTime>(session, deadline));
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Closing expired countdowns failed; will try again");
                await Task.Delay(TimeSpan.FromMilliseconds(500), clock, stoppingToken);
            }
        }
    }

    private Task Heard(SessionEvent sessionEvent)
    {
        if (sessionEvent is SessionChanged changed)
        {
            if (changed.Room.Current is { State: ScenarioState.Open, ClosesAt: { } closesAt })
            {
                _deadlines[changed.SessionId] = closesAt;
            }
            else
            {
                _deadlines.TryRemove(changed.SessionId, out _);
            }

            _changed.Release();
        }

        return Task.CompletedTask;
    }

    /// <summary>How many deadlines this closer knows of now (for tests).</summary>
    internal int KnownDeadlines => _deadlines.Count;

    public override void Dispose()
    {
        _subscription?.Dispose();
        _changed.Dispose();
        base.Dispose();
    }
}
