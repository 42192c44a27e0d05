using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Core;

/// <summary>The views Core builds for each role, and the rules they carry, written once.</summary>
public class ViewTests : CoreTest
{
    [Fact]
    public async Task NextStep_ShowsEachScenarioBeforeVoting_SaysWhatTheClickerDoes_AndNamesTheEndOfTheDeck()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(2);
        async Task<NextStep> Next() => (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).Next;
        var seen = new List<(StepKind, Guid?, string, ScenarioState?)>();
        for (var i = 0; i < 8; i++)
        {
            var next = await Next();
            var room = await Core.Scenarios.StepForwardAsync(session.Id, TestCore.Owner);
            seen.Add((next.Kind, next.ScenarioId, next.Label, room.Current?.State));
        }

        seen.Should().Equal(
            (StepKind.ShowNext, scenarios[0].Id, $"Show: {scenarios[0].Title}", ScenarioState.Pending),
            (StepKind.Open, scenarios[0].Id, "Open voting", ScenarioState.Open),
            (StepKind.Close, scenarios[0].Id, "Close voting", ScenarioState.Closed),
            (StepKind.Reveal, scenarios[0].Id, "Reveal", ScenarioState.Revealed),
            (StepKind.ShowNext, scenarios[1].Id, $"Show: {scenarios[1].Title}", ScenarioState.Pending),
            (StepKind.Open, scenarios[1].Id, "Open voting", ScenarioState.Open),
            (StepKind.Close, scenarios[1].Id, "Close voting", ScenarioState.Closed),
            (StepKind.Reveal, scenarios[1].Id, "Reveal", ScenarioState.Revealed));
        (await Next()).Should().Be(new NextStep(StepKind.None, null, "End of the deck", "endOfDeck"));

        await Core.Scenarios.GoToAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Core.Scenarios.ResetAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        (await Next()).Should().Be(new NextStep(StepKind.Open, scenarios[0].Id, "Open voting", "open"));
    }

    [Fact]
    public async Task WhereShowingOpensVoting_TheNextStepOpensTheNextScenarioAtOnce_AndACopyKeepsTheSetting()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(2);
        (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).ShowOpensVoting.Should().BeFalse("a room reads a scenario before it votes, by default");
        await Core.Sessions.SetShowOpensVotingAsync(session.Id, TestCore.Owner, true);

        var view = await Core.Sessions.GetAsync(session.Id, TestCore.Owner);
        view.ShowOpensVoting.Should().BeTrue();
        view.Next.Should().Be(new NextStep(StepKind.OpenNext, scenarios[0].Id, $"Next: {scenarios[0].Title}", "openNext"));
        (await Core.Scenarios.StepForwardAsync(session.Id, TestCore.Owner)).Current!.State.Should().Be(ScenarioState.Open);
        (await Core.Sessions.DuplicateAsync(session.Id, TestCore.Owner)).ShowOpensVoting.Should().BeTrue();
    }

    [Fact]
    public async Task LeavingAScenarioWhoseVotingIsOpenWithVotesIn_AsksFirst_AndNothingElseDoes()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(5);
        var people = await Core.JoinAsync(session.JoinCode, 4);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        async Task<string?> Ask(Guid? target)
        {
            var view = await Core.Sessions.GetAsync(session.Id, TestCore.Owner);
            return ScenarioRules.AskBeforeLeaving(view.Current, view.Results, target);
        }

        (await Ask(scenarios[4].Id)).Should().BeNull("no votes are in yet");
        foreach (var person in people)
        {
            await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Marry);
        }

        (await Ask(scenarios[4].Id)).Should().Be("Voting on scenario 1 is open, with 4 votes in. Moving the room on closes its voting; the votes are kept.");
        (await Ask(scenarios[0].Id)).Should().BeNull("staying put interrupts nothing");
        (await Ask(null)).Should().NotBeNull();

        await Core.Scenarios.CloseAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        (await Ask(scenarios[4].Id)).Should().BeNull("voting is closed: nothing is interrupted");
    }

    [Fact]
    public async Task NextStep_BeforeTheStart_AfterTheEnd_AndWithAnEmptyDeck_IsNone_WithTheReason()
    {
        var draft = await Core.Sessions.CreateAsync("Draft", TestCore.Owner);
        draft.Next.Should().Be(new NextStep(StepKind.None, null, "Start the session first", "startFirst"));
        await Core.Sessions.StartAsync(draft.Id, TestCore.Owner);
        (await Core.Sessions.GetAsync(draft.Id, TestCore.Owner)).Next.Label.Should().Be("Add a scenario first");
        await Core.Sessions.EndAsync(draft.Id, TestCore.Owner);
        (await Core.Sessions.GetAsync(draft.Id, TestCore.Owner)).Next.Should().Be(new NextStep(StepKind.None, null, "The session has ended", "ended"));
    }

    public static TheoryData<ScenarioState> States => [ScenarioState.Pending, ScenarioState.Open, ScenarioState.Closed, ScenarioState.Revealed];

    /// <summary>Every action the manager's view offers works, and every one it withholds is refused: the two cannot drift apart.</summary>
    [Theory]
    [MemberData(nameof(States))]
    public async Task DeckActions_AreExactlyWhatTheServicesAllow(ScenarioState state)
    {
        foreach (var (action, run) in ScenarioActionsUnderTest)
        {
            // A session of its own for each action, so that one action's effect cannot hide another's.
            var (session, scenarios) = await Core.LiveSessionAsync(3);
            var target = scenarios[1];
            await BringToAsync(Core, session.Id, target.Id, state);
            var offered = (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).Deck.Single(d => d.Scenario.Id == target.Id);

            var act = () => run(Core, session.Id, target.Id);

            if (action(offered.Actions))
            {
                await act.Should().NotThrowAsync($"the view offers it for a {state} scenario");
            }
            else
            {
                await act.Should().ThrowAsync<DomainException>($"the view does not offer it for a {state} scenario");
            }
        }
    }

    private static readonly (Func<ScenarioActions, bool> Offered, Func<TestCore, Guid, Guid, Task> Run)[] ScenarioActionsUnderTest =
    [
        (a => a.Close, (c, s, x) => c.Scenarios.CloseAsync(s, x, TestCore.Owner)),
        (a => a.Edit, (c, s, x) => c.Decks.EditAsync(s, x, TestCore.Owner, "Body", "Counterpart", null)),
        (a => a.Remove, (c, s, x) => c.Decks.RemoveAsync(s, x, TestCore.Owner)),
    ];

    [Theory]
    [MemberData(nameof(States))]
    public async Task OpenAndRevealAreOffered_AsTheStateAllows_AndOpeningARevealedScenarioIsRefused(ScenarioState state)
    {
        var (session, scenarios) = await Core.LiveSessionAsync(3);
        await BringToAsync(Core, session.Id, scenarios[1].Id, state);
        var offered = (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).Deck[1].Actions;

        offered.Open.Should().Be(state is ScenarioState.Pending or ScenarioState.Closed);
        offered.Reveal.Should().Be(state is ScenarioState.Open or ScenarioState.Closed);
        offered.Reset.Should().Be(state != ScenarioState.Pending);
        offered.ShowOnProjector.Should().BeFalse("it is the current scenario");
        var open = () => Core.Scenarios.OpenAsync(session.Id, scenarios[1].Id, TestCore.Owner);
        if (state == ScenarioState.Revealed)
        {
            (await open.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.InvalidTransition);
        }
        else
        {
            await open.Should().NotThrowAsync();
        }

        if (state == ScenarioState.Pending)
        {
            var reveal = () => Core.Scenarios.RevealAsync(session.Id, scenarios[2].Id, TestCore.Owner);
            (await reveal.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.InvalidTransition);
        }
    }

    [Fact]
    public async Task AnEndedSession_OffersNothing()
    {
        var (session, _) = await Core.LiveSessionAsync(2);
        await Core.Sessions.EndAsync(session.Id, TestCore.Owner);

        var view = await Core.Sessions.GetAsync(session.Id, TestCore.Owner);

        view.Deck.Should().OnlyContain(d => d.Actions == ScenarioActions.None);
        view.Actions.Should().Be(new SessionActions(Start: false, End: false, Run: false, ChangeDeck: false));
    }

    private static async Task BringToAsync(TestCore core, Guid sessionId, Guid scenarioId, ScenarioState state)
    {
        await core.Scenarios.GoToAsync(sessionId, scenarioId, TestCore.Owner);
        if (state == ScenarioState.Pending)
        {
            return;
        }

        await core.Scenarios.OpenAsync(sessionId, scenarioId, TestCore.Owner);
        if (state == ScenarioState.Closed)
        {
            await core.Scenarios.CloseAsync(sessionId, scenarioId, TestCore.Owner);
        }
        else if (state == ScenarioState.Revealed)
        {
            await core.Scenarios.RevealAsync(sessionId, scenarioId, TestCore.Owner);
        }
    }

    [Fact]
    public void Countdown_HasOneRange_AndItsPresetsLieWithinIt()
    {
        Countdown.Rules.MinSeconds.Should().Be(Countdown.MinSeconds);
        Countdown.Rules.MaxSeconds.Should().Be(Countdown.MaxSeconds);
        Countdown.Rules.PresetSeconds.Should().NotBeEmpty().And.OnlyContain(s => s >= Countdown.MinSeconds && s <= Countdown.MaxSeconds).And.BeInAscendingOrder();
        Countdown.FromSeconds(Countdown.MinSeconds).Should().Be(TimeSpan.FromSeconds(Countdown.MinSeconds));
        Countdown.FromSeconds(null).Should().BeNull();
        var tooShort = () => Countdown.FromSeconds(Countdown.MinSeconds - 1);
        tooShort.Should().Throw<DomainException>().WithMessage("A countdown is 5 to 600 seconds.");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(601)]
    public async Task Open_WithACountdownOutsideTheRange_IsRefused_AsOnTheHub(int seconds)
    {
        var (session, scenarios) = await Core.LiveSessionAsync(1);

        var open = () => Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner, TimeSpan.FromSeconds(seconds));

        (await open.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("A countdown is 5 to 600 seconds.");
        (await Core.Sessions.GetRoomViewAsync(session.Id, TestCore.Owner)).Current.Should().BeNull("nothing changed");
    }

    [Fact]
    public async Task RoomView_SaysWhetherTheRoomMaySeeTheSplit_AndTheVerdictInWords()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(1);
        var people = await Core.JoinAsync(session.JoinCode, 2);
        var open = await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        open.ResultsVisible.Should().BeFalse("reveal-only is the default");
        open.VerdictText.Should().BeNull();

        (await Core.Sessions.SetResultsLiveAsync(session.Id, TestCore.Owner, true)).ResultsVisible.Should().BeTrue();
        await Core.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Marry);
        await Core.Voting.CastVoteAsync(people[1], scenarios[0].Id, Choice.Marry);
        await Core.Sessions.SetResultsLiveAsync(session.Id, TestCore.Owner, false);

        var revealed = await Core.Scenarios.RevealAsync(session.Id, scenarios[0].Id, TestCore.Owner);

        revealed.ResultsVisible.Should().BeTrue();
        revealed.RevealedResults.Should().Be(new ScenarioResults(scenarios[0].Id, 0, 2, 0));
        revealed.VerdictText.Should().Be("The room says: marry!");
    }

    [Fact]
    public async Task ManagerView_CarriesTheTallyBeforeTheReveal_WithItsSequence_AndTheNewestReasons()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(1);
        var person = (await Core.JoinAsync(session.JoinCode, 1))[0];
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        var receipt = await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Avoid);
        await Core.Voting.SetReasonAsync(person, scenarios[0].Id, "Too risky.");

        var view = await Core.Sessions.GetAsync(session.Id, TestCore.Owner);

        view.Results.Should().Be(new ScenarioResults(scenarios[0].Id, 0, 0, 1));
        view.LastSequence.Should().BeGreaterThanOrEqualTo(receipt.Sequence);
        view.Room.RevealedResults.Should().BeNull("the room has not seen it");
        view.Reasons.Select(r => r.Text).Should().Equal("Too risky.");
        view.ReasonCount.Should().Be(1);
        view.Countdowns.Should().Be(Countdown.Rules);
    }

    [Fact]
    public async Task EveryChange_PublishesTheManagersView_AsCommitted()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(2);
        using var events = new EventRecorder(Core.Events, session.Id);

        var room = await Core.Scenarios.OpenAsync(session.Id, scenarios[1].Id, TestCore.Owner);

        var published = await events.WaitForAsync<SessionChanged>(e => e.Room.Revision == room.Revision);
        published.Manager.Should().BeEquivalentTo(await Core.Sessions.GetAsync(session.Id, TestCore.Owner));
        published.Room.Should().BeEquivalentTo(room);
    }

    [Fact]
    public async Task AChangeThatChangesNothing_KeepsTheRevision_AndPublishesNothing()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(1);
        await Core.Scenarios.StepForwardAsync(session.Id, TestCore.Owner);
        await Core.Scenarios.StepForwardAsync(session.Id, TestCore.Owner);
        await Core.Scenarios.StepForwardAsync(session.Id, TestCore.Owner);
        var revealed = await Core.Scenarios.StepForwardAsync(session.Id, TestCore.Owner);
        using var events = new EventRecorder(Core.Events, session.Id);

        var atTheEnd = await Core.Scenarios.StepForwardAsync(session.Id, TestCore.Owner);
        var back = await Core.Scenarios.StepBackAsync(session.Id, TestCore.Owner);
        var blankTwice = await Core.Sessions.SetBlankedAsync(session.Id, TestCore.Owner, false);

        revealed.Current!.Id.Should().Be(scenarios[0].Id);
        new[] { atTheEnd.Revision, back.Revision, blankTwice.Revision }.Should().OnlyContain(r => r == revealed.Revision);
        await Task.Delay(200);
        events.OfType<SessionChanged>().Should().BeEmpty();
    }
}
