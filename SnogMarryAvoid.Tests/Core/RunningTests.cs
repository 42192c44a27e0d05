using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Core;

/// <summary>Running a session: the clicker's steps, reset, countdowns, blanking and results mode.</summary>
public class RunningTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    private TestCore _core = default!;

    public async ValueTask InitializeAsync() => _core = await TestCore.CreateSqliteAsync(_clock);

    public ValueTask DisposeAsync() => _core.DisposeAsync();

    [Fact]
    public async Task StepForward_WalksShowOpenCloseRevealThenTheNextScenario()
    {
        var (session, scenarios) = await _core.LiveSessionAsync(2);
        async Task<(Guid?, ScenarioState?)> Step()
        {
            var s = await _core.Scenarios.StepForwardAsync(session.Id, TestCore.Owner);
            return (s.Current?.Id, s.Current?.State);
        }

        (await Step()).Should().Be((scenarios[0].Id, ScenarioState.Pending), "a scenario is shown before voting opens");
        (await Step()).Should().Be((scenarios[0].Id, ScenarioState.Open));
        (await Step()).Should().Be((scenarios[0].Id, ScenarioState.Closed));
        (await Step()).Should().Be((scenarios[0].Id, ScenarioState.Revealed));
        (await Step()).Should().Be((scenarios[1].Id, ScenarioState.Pending));
        (await Step()).Should().Be((scenarios[1].Id, ScenarioState.Open));
        (await Step()).Should().Be((scenarios[1].Id, ScenarioState.Closed));
        (await Step()).Should().Be((scenarios[1].Id, ScenarioState.Revealed));
        (await Step()).Should().Be((scenarios[1].Id, ScenarioState.Revealed), "at the end of the deck nothing changes");
    }

    [Fact]
    public async Task StepBack_GoesToThePreviousScenario_ClosingVoting()
    {
        var (session, scenarios) = await _core.LiveSessionAsync(2);
        await _core.Scenarios.OpenAsync(session.Id, scenarios[1].Id, TestCore.Owner);

        var snapshot = await _core.Scenarios.StepBackAsync(session.Id, TestCore.Owner);

        snapshot.Current!.Id.Should().Be(scenarios[0].Id);
        (await _core.Sessions.GetAsync(session.Id, TestCore.Owner)).Scenarios[1].State.Should().Be(ScenarioState.Closed);
    }

    [Fact]
    public async Task Reset_DeletesTheVotesAndMakesItPendingAgain()
    {
        var (session, scenarios) = await _core.LiveSessionAsync(1);
        var people = await _core.JoinAsync(session.JoinCode, 2);
        await _core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await _core.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Snog);
        await _core.Voting.CastVoteAsync(people[1], scenarios[0].Id, Choice.Avoid);
        await _core.Scenarios.RevealAsync(session.Id, scenarios[0].Id, TestCore.Owner);

        var snapshot = await _core.Scenarios.ResetAsync(session.Id, scenarios[0].Id, TestCore.Owner);

        snapshot.Current!.State.Should().Be(ScenarioState.Pending);
        (await _core.Voting.GetResultsAsync(scenarios[0].Id)).Total.Should().Be(0);
        await _core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await _core.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Marry);
        (await _core.Voting.GetResultsAsync(scenarios[0].Id)).Marry.Should().Be(1);
    }

    [Fact]
    public async Task Countdown_ClosesVotingWhenItRunsOut_AndLateVotesAreRefused()
    {
        var (session, scenarios) = await _core.LiveSessionAsync(1);
        var person = (await _core.JoinAsync(session.JoinCode, 1))[0];
        var opened = await _core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner, TimeSpan.FromSeconds(30));
        opened.Current!.ClosesAt.Should().Be(_clock.GetUtcNow().UtcDateTime.AddSeconds(30));

        _clock.Advance(TimeSpan.FromSeconds(29));
        await _core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Snog);
        (await _core.Scenarios.CloseExpiredAsync()).Should().Be(0);

        _clock.Advance(TimeSpan.FromSeconds(1));
        var late = () => _core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Avoid);
        (await late.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("Time is up: voting on this scenario is closed.");

        (await _core.Scenarios.CloseExpiredAsync()).Should().Be(1);
        var snapshot = await _core.Sessions.GetRoomViewAsync(session.Id, TestCore.Owner);
        snapshot.Current!.State.Should().Be(ScenarioState.Closed);
        snapshot.Current.ClosesAt.Should().BeNull();
        (await _core.Voting.VoteOnAsync(person, scenarios[0].Id))!.Choice.Should().Be(Choice.Snog);
    }

    [Fact]
    public async Task Countdown_OutOfRange_IsRejected()
    {
        var (session, scenarios) = await _core.LiveSessionAsync(1);

        var act = () => _core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner, TimeSpan.FromHours(2));

        (await act.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.InvalidInput);
    }

    [Fact]
    public async Task Countdown_ClosedByHandFirst_IsLeftAlone()
    {
        var (session, scenarios) = await _core.LiveSessionAsync(1);
        await _core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner, TimeSpan.FromSeconds(10));
        await _core.Scenarios.CloseAsync(session.Id, scenarios[0].Id, TestCore.Owner);

        _clock.Advance(TimeSpan.FromSeconds(11));

        (await _core.Scenarios.CloseExpiredAsync()).Should().Be(0);
    }

    [Fact]
    public async Task BlankAndResultsMode_TravelInTheSnapshot()
    {
        var (session, _) = await _core.LiveSessionAsync(1);
        (await _core.Sessions.GetRoomViewAsync(session.Id, TestCore.Owner)).ShowResultsLive.Should().BeFalse("reveal-only is the default");

        var blanked = await _core.Sessions.SetBlankedAsync(session.Id, TestCore.Owner, true);
        var live = await _core.Sessions.SetResultsLiveAsync(session.Id, TestCore.Owner, true);

        blanked.IsBlanked.Should().BeTrue();
        live.ShowResultsLive.Should().BeTrue();
    }

    [Fact]
    public async Task TheRoomsScreen_ShowsLiveFigures_InTheLobbyAndAScenario_NotBlankedOrAtTheRecap()
    {
        var (session, scenarios) = await _core.LiveSessionAsync(1);
        (await _core.Sessions.GetRoomViewAsync(session.Id, TestCore.Owner)).ScreenShowsLiveFigures.Should().BeTrue("the lobby shows who is in the room");
        (await _core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner)).ScreenShowsLiveFigures.Should().BeTrue("a scenario shows its tally");

        (await _core.Sessions.SetBlankedAsync(session.Id, TestCore.Owner, true)).ScreenShowsLiveFigures.Should().BeFalse();
        (await _core.Sessions.SetBlankedAsync(session.Id, TestCore.Owner, false)).ScreenShowsLiveFigures.Should().BeTrue();
        (await _core.Sessions.EndAsync(session.Id, TestCore.Owner)).ScreenShowsLiveFigures.Should().BeFalse("the recap's figures are final");
    }

    [Fact]
    public async Task Delete_RemovesTheSessionWithEverythingInIt()
    {
        var (session, scenarios) = await _core.LiveSessionAsync(2);
        var person = (await _core.JoinAsync(session.JoinCode, 1))[0];
        await _core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await _core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Snog);
        await _core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Avoid);

        await _core.Sessions.DeleteAsync(session.Id, TestCore.Owner);

        await using var ctx = await _core.Db.ReadAsync();
        (await ctx.Sessions.CountAsync()).Should().Be(0);
        (await ctx.Scenarios.CountAsync()).Should().Be(0);
        (await ctx.Participants.CountAsync()).Should().Be(0);
        (await ctx.Votes.CountAsync()).Should().Be(0);
        (await ctx.VoteChanges.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Rename_ChecksTheTitleRules()
    {
        var (session, _) = await _core.LiveSessionAsync(1);

        (await _core.Sessions.RenameAsync(session.Id, TestCore.Owner, " Leeds ")).Title.Should().Be("Leeds");
        var act = () => _core.Sessions.RenameAsync(session.Id, TestCore.Owner, "");
        (await act.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("Title is required.");
    }
}
