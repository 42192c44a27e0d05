using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Integration;

public class CountdownTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task RunningApp_ClosesVotingByItselfWhenTheCountdownEnds()
    {
        var (session, scenarios) = await _app.Core.LiveSessionAsync(1);
        await _app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner, TimeSpan.FromSeconds(Countdown.MinSeconds));

        // Nobody closes it: the server's own countdown does. The wait is bounded; no time is asserted.
        ScenarioState state = ScenarioState.Open;
        for (var i = 0; i < 100 && state == ScenarioState.Open; i++)
        {
            await Task.Delay(100);
            state = (await _app.Core.Sessions.GetRoomViewAsync(session.Id, Actor.System)).Current!.State;
        }

        state.Should().Be(ScenarioState.Closed);
    }
}
