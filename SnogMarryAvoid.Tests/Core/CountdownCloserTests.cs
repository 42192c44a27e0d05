using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Core;

/// <summary>
/// The countdown closer learns deadlines from the sessions' views and wakes when the first is due; it asks the
/// database only every ten seconds otherwise (it asked twice a second, countdown or not: issue 20's idle CPU).
/// </summary>
public sealed class CountdownCloserTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
    private TestCore _core = default!;
    private CountdownCloser _closer = default!;

    public async ValueTask InitializeAsync()
    {
        _core = await TestCore.CreateSqliteAsync(_clock);
        _closer = new CountdownCloser(_core.Scenarios, _core.Events, _clock, NullLogger<CountdownCloser>.Instance);
        await _closer.StartAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _closer.StopAsync(CancellationToken.None);
        _closer.Dispose();
        await _core.DisposeAsync();
    }

    [Fact]
    public async Task ACountdownHeardOf_ClosesVotingWhenItIsDue_AndNotBefore()
    {
        var (session, scenarios) = await _core.LiveSessionAsync(1);
        await _core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner, TimeSpan.FromSeconds(30));
        await WaitForAsync(() => Task.FromResult(_closer.KnownDeadlines == 1));
        await Task.Delay(50);

        await AdvanceAsync(TimeSpan.FromSeconds(29));
        (await StateAsync(session.Id)).Should().Be(ScenarioState.Open);

        await AdvanceAsync(TimeSpan.FromSeconds(1) + CountdownCloser.Slack);
        await WaitForAsync(async () => await StateAsync(session.Id) == ScenarioState.Closed);
    }

    [Fact]
    public async Task WithNoCountdown_TheDatabaseIsAskedOnlyEveryTenSeconds()
    {
        var before = _core.Commands.Count;

        for (var second = 0; second < 60; second++)
        {
            await AdvanceAsync(TimeSpan.FromSeconds(1));
        }

        // Six looks in a minute (it was 120), each one query.
        (_core.Commands.Count - before).Should().BeInRange(5, 7);
    }

    [Fact]
    public async Task ACountdownSetWhileItCouldNotHear_IsClosedByTheLookEveryTenSeconds()
    {
        var (session, scenarios) = await _core.LiveSessionAsync(1);

        // Another server opened it while this one was not listening (before a restart, during a Redis outage).
        await _closer.StopAsync(CancellationToken.None);
        await _core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner, TimeSpan.FromSeconds(5));
        _closer.Dispose();
        _closer = new CountdownCloser(_core.Scenarios, _core.Events, _clock, NullLogger<CountdownCloser>.Instance);
        await _closer.StartAsync(CancellationToken.None);

        await AdvanceAsync(TimeSpan.FromSeconds(6));
        (await StateAsync(session.Id)).Should().Be(ScenarioState.Open, "nothing told this server of it");
        await AdvanceAsync(CountdownCloser.SafetyInterval);
        await WaitForAsync(async () => await StateAsync(session.Id) == ScenarioState.Closed);
    }

    private async Task<ScenarioState?> StateAsync(Guid sessionId) => (await _core.Sessions.GetAsync(sessionId, TestCore.Owner)).Current?.State;

    /// <summary>Moves the clock on, and gives the closer's loop a moment of real time to act on it.</summary>
    private async Task AdvanceAsync(TimeSpan by)
    {
        _clock.Advance(by);
        await Task.Delay(30);
    }

    private static async Task WaitForAsync(Func<Task<bool>> done)
    {
        for (var i = 0; i < 200 && !await done(); i++)
        {
            await Task.Delay(25);
        }

        (await done()).Should().BeTrue();
    }
}
