using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Core;

public class ScenarioServiceTests : CoreTest
{
    [Fact]
    public async Task Add_AppendsInOrderAndReadsAsBodyMeetsCounterpart()
    {
        var session = await Core.Sessions.CreateAsync("Room", TestCore.Owner);

        await Core.Decks.AddAsync(session.Id, TestCore.Owner, "NHS mental health trust", "mental health blogger with 40k followers", "They want to co-write a leaflet.");
        await Core.Decks.AddAsync(session.Id, TestCore.Owner, "Council comms team", "local Facebook group", null);

        var deck = (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).Scenarios;
        deck.Select(s => s.Order).Should().Equal(1, 2);
        deck[0].Title.Should().Be("NHS mental health trust meets mental health blogger with 40k followers");
        deck[0].Context.Should().Be("They want to co-write a leaflet.");
        deck[1].Context.Should().BeNull();
        deck.Should().OnlyContain(s => s.State == ScenarioState.Pending);
    }

    [Theory]
    [InlineData(null, "blogger", "Public body is required.")]
    [InlineData("Trust", "  ", "Counterpart is required.")]
    public async Task Add_WithoutBodyOrCounterpart_IsRejectedAndChangesNothing(string? body, string? counterpart, string message)
    {
        var session = await Core.Sessions.CreateAsync("Room", TestCore.Owner);

        var act = () => Core.Decks.AddAsync(session.Id, TestCore.Owner, body, counterpart, null);

        (await act.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be(message);
        (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).Scenarios.Should().BeEmpty();
    }

    [Fact]
    public async Task Open_BeforeTheSessionStarts_IsRejected()
    {
        var session = await Core.Sessions.CreateAsync("Room", TestCore.Owner);
        var scenario = await Core.Decks.AddAsync(session.Id, TestCore.Owner, "Trust", "Blogger", null);

        var act = () => Core.Scenarios.OpenAsync(session.Id, scenario.Id, TestCore.Owner);

        (await act.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.SessionNotLive);
    }

    [Fact]
    public async Task Open_ClosesTheScenarioThatWasOpen_SoOnlyOneIsOpen()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(3);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);

        var snapshot = await Core.Scenarios.OpenAsync(session.Id, scenarios[1].Id, TestCore.Owner);

        snapshot.Current!.Id.Should().Be(scenarios[1].Id);
        var deck = (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).Scenarios;
        deck.Count(s => s.State == ScenarioState.Open).Should().Be(1);
        deck[0].State.Should().Be(ScenarioState.Closed);
    }

    [Fact]
    public async Task Open_ManyAtOnce_LeavesExactlyOneOpen()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(6);

        await Task.WhenAll(scenarios.Select(s => Core.Scenarios.OpenAsync(session.Id, s.Id, TestCore.Owner)));

        var deck = (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).Scenarios;
        deck.Count(s => s.State == ScenarioState.Open).Should().Be(1);
        (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).Current!.Id.Should().Be(deck.Single(s => s.State == ScenarioState.Open).Id);
    }

    [Fact]
    public async Task Open_AScenarioOfAnotherSession_IsRejected()
    {
        var (mine, _) = await Core.LiveSessionAsync();
        var (_, theirs) = await Core.LiveSessionAsync();

        var act = () => Core.Scenarios.OpenAsync(mine.Id, theirs[0].Id, TestCore.Owner);

        (await act.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.ScenarioNotInSession);
    }

    [Fact]
    public async Task Reveal_BeforeOpening_IsRejected()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();

        var act = () => Core.Scenarios.RevealAsync(session.Id, scenarios[0].Id, TestCore.Owner);

        (await act.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.InvalidTransition);
    }

    [Fact]
    public async Task Reveal_ClosesVotingAndPutsTheResultsInTheSnapshot()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        var people = await Core.JoinAsync(session.JoinCode, 3);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Core.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Marry);
        await Core.Voting.CastVoteAsync(people[1], scenarios[0].Id, Choice.Marry);
        await Core.Voting.CastVoteAsync(people[2], scenarios[0].Id, Choice.Avoid);
        using var recorder = new EventRecorder(Core.Events, session.Id);

        var snapshot = await Core.Scenarios.RevealAsync(session.Id, scenarios[0].Id, TestCore.Owner);

        snapshot.Current!.State.Should().Be(ScenarioState.Revealed);
        snapshot.RevealedResults.Should().Be(new ScenarioResults(scenarios[0].Id, 0, 2, 1));
        snapshot.RevealedResults!.Verdict.Should().Be(Verdict.Marry);
        recorder.OfType<SessionChanged>().Should().ContainSingle().Which.Room.Should().Be(snapshot);
    }

    [Fact]
    public async Task Close_WhenNotOpen_IsRejected()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();

        var act = () => Core.Scenarios.CloseAsync(session.Id, scenarios[0].Id, TestCore.Owner);

        (await act.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("Voting on this scenario is not open.");
    }

    [Fact]
    public async Task Add_AfterTheSessionEnded_IsRejected()
    {
        var (session, _) = await Core.LiveSessionAsync();
        await Core.Sessions.EndAsync(session.Id, TestCore.Owner);

        var act = () => Core.Decks.AddAsync(session.Id, TestCore.Owner, "Trust", "Blogger", null);

        (await act.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.SessionEnded);
    }
}
