using Microsoft.Extensions.DependencyInjection;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Decks;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Core;

public class DeckServiceTests : CoreTest
{
    [Fact]
    public void BuiltInDeck_HasAtLeastEightCompleteScenarios()
    {
        BuiltInDeck.Entries.Should().HaveCountGreaterThanOrEqualTo(8);
        BuiltInDeck.Entries.Should().OnlyContain(e => e.PublicBody.Length > 0 && e.Counterpart.Length > 0 && !string.IsNullOrEmpty(e.Context));
        BuiltInDeck.Entries.Select(e => e.PublicBody + e.Counterpart).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task AddBuiltIn_FillsTheDeckInOrder()
    {
        var session = await Core.Sessions.CreateAsync("Room", TestCore.Owner);

        await Core.Decks.AddBuiltInAsync(session.Id, TestCore.Owner);

        var deck = (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).Scenarios;
        deck.Select(s => s.PublicBody).Should().Equal(BuiltInDeck.Entries.Select(e => e.PublicBody));
        deck.Select(s => s.Order).Should().Equal(Enumerable.Range(1, BuiltInDeck.Entries.Count));
    }

    [Fact]
    public async Task Add_ABatchWithOneBadEntry_NamesItAndAddsNothing()
    {
        var session = await Core.Sessions.CreateAsync("Room", TestCore.Owner);

        var act = () => Core.Decks.AddAsync(session.Id, TestCore.Owner, [new("Trust", "Blogger", null), new("Council", " ", null)]);

        (await act.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("Scenario 2: Counterpart is required.");
        (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).Scenarios.Should().BeEmpty();
    }

    [Fact]
    public async Task Edit_ChangesAPendingScenario()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(2);

        await Core.Decks.EditAsync(session.Id, scenarios[1].Id, TestCore.Owner, "Police force", "community group", "Names suspects.");

        var edited = (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).Scenarios[1];
        edited.Title.Should().Be("Police force meets community group");
        edited.Context.Should().Be("Names suspects.");
    }

    [Fact]
    public async Task Edit_TheOpenScenario_KeepsItsVotes_ReachesTheRoomAtOnce_AndTheReportSaysItWasEdited()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(2);
        var people = await Core.JoinAsync(session.JoinCode, 2);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Core.Voting.CastVoteAsync(people[0], scenarios[0].Id, SnogMarryAvoid.Core.Voting.Choice.Marry);
        await Core.Voting.CastVoteAsync(people[1], scenarios[0].Id, SnogMarryAvoid.Core.Voting.Choice.Avoid);
        using var events = new EventRecorder(Core.Events, session.Id);

        var room = await Core.Decks.EditAsync(session.Id, scenarios[0].Id, TestCore.Owner, "Public body 1", "Activist 1, corrected", null);

        room.Current!.Counterpart.Should().Be("Activist 1, corrected");
        room.Current.State.Should().Be(ScenarioState.Open, "voting stays open");
        await WaitForAsync(() => events.OfType<SnogMarryAvoid.Core.Live.SessionChanged>().Any(e => e.Manager.Room.Current?.Counterpart == "Activist 1, corrected"));
        var view = await Core.Sessions.GetAsync(session.Id, TestCore.Owner);
        view.Results!.Total.Should().Be(2, "the votes are kept");
        view.Deck[0].EditedAt.Should().NotBeNull();
        view.Deck[1].EditedAt.Should().BeNull();
        var report = await Core.Services.GetRequiredService<SnogMarryAvoid.Core.Reports.ReportService>().GetAsync(session.Id, TestCore.Owner);
        report.Scenarios[0].EditedAt.Should().NotBeNull("the report notes the correction");
        report.Scenarios[0].Results.Total.Should().Be(2);
    }

    [Fact]
    public async Task Edit_APendingScenarioNobodyVotedOn_IsNotMarked_AndAnEndedSessionRefuses()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(2);
        await Core.Decks.EditAsync(session.Id, scenarios[1].Id, TestCore.Owner, "Police force", "community group", null);
        (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).Deck[1].EditedAt.Should().BeNull();

        await Core.Sessions.EndAsync(session.Id, TestCore.Owner);
        var act = () => Core.Decks.EditAsync(session.Id, scenarios[0].Id, TestCore.Owner, "X", "Y", null);

        (await act.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.SessionEnded);
    }

    [Fact]
    public async Task PresenterNotes_AreKeptWithTheScenario_ForTheConsoleAlone_AndTravelInExportAndCopies()
    {
        const string Notes = "Ask the public bodies first: who gains from a fling?";
        var session = await Core.Sessions.CreateAsync("Notes", TestCore.Owner);
        await Core.Decks.AddAsync(session.Id, TestCore.Owner, [new SnogMarryAvoid.Core.Decks.DeckEntry("Trust", "Blogger", "Context", Notes)]);
        await Core.Sessions.StartAsync(session.Id, TestCore.Owner);
        var view = await Core.Sessions.GetAsync(session.Id, TestCore.Owner);
        await Core.Scenarios.OpenAsync(session.Id, view.Deck[0].Scenario.Id, TestCore.Owner);
        view = await Core.Sessions.GetAsync(session.Id, TestCore.Owner);

        view.Deck[0].Notes.Should().Be(Notes);
        System.Text.Json.JsonSerializer.Serialize(view.Room).Should().NotContain("who gains", "the room's view, which phones and the projector draw, never carries notes");
        System.Text.Json.JsonSerializer.Serialize(await Core.Sessions.GetRoomViewAsync(session.Id, TestCore.Owner)).Should().NotContain("who gains");
        SnogMarryAvoid.Core.Decks.DeckFile.ToJson(SnogMarryAvoid.Core.Decks.DeckService.Entries(view)).Should().Contain(Notes);
        (await Core.Sessions.DuplicateAsync(session.Id, TestCore.Owner)).Deck[0].Notes.Should().Be(Notes);

        // Notes may be corrected at any time, and editing the text alone keeps them.
        await Core.Decks.EditAsync(session.Id, view.Deck[0].Scenario.Id, TestCore.Owner, "Trust", "Blogger, corrected", "Context");
        (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).Deck[0].Notes.Should().Be(Notes);
        await Core.Decks.SetNotesAsync(session.Id, view.Deck[0].Scenario.Id, TestCore.Owner, "  ");
        (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).Deck[0].Notes.Should().BeNull();
    }

    [Fact]
    public void TheBuiltInDeck_HasTalkingPointsForEveryScenario()
    {
        SnogMarryAvoid.Core.Decks.BuiltInDeck.Entries.Should().OnlyContain(e => !string.IsNullOrWhiteSpace(e.Notes) && e.Notes!.Contains("Ask"));
        SnogMarryAvoid.Core.Decks.BuiltInDeck.Entries.Should().OnlyContain(e => e.Notes!.Length <= Scenario.MaxNotesLength);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline);
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Remove_RenumbersTheRest()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(3);

        await Core.Decks.RemoveAsync(session.Id, scenarios[0].Id, TestCore.Owner);

        var deck = (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).Scenarios;
        deck.Select(s => s.Id).Should().Equal(scenarios[1].Id, scenarios[2].Id);
        deck.Select(s => s.Order).Should().Equal(1, 2);
    }

    [Theory]
    [InlineData(1, new[] { 2, 0, 1 })]
    [InlineData(3, new[] { 0, 1, 2 })]
    [InlineData(99, new[] { 0, 1, 2 })]
    [InlineData(-5, new[] { 2, 0, 1 })]
    public async Task Move_PutsTheScenarioAtThePosition(int position, int[] expectedOrder)
    {
        var (session, scenarios) = await Core.LiveSessionAsync(3);

        await Core.Decks.MoveAsync(session.Id, scenarios[2].Id, position, TestCore.Owner);

        var deck = (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).Scenarios;
        deck.Select(s => s.Id).Should().Equal(expectedOrder.Select(i => scenarios[i].Id));
        deck.Select(s => s.Order).Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task Remove_AScenarioWithVotes_IsRejected()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(2);
        var person = (await Core.JoinAsync(session.JoinCode, 1))[0];
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Snog);

        var act = () => Core.Decks.RemoveAsync(session.Id, scenarios[0].Id, TestCore.Owner);

        (await act.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.InvalidTransition);
        (await Core.Voting.GetResultsAsync(scenarios[0].Id)).Total.Should().Be(1);
    }
}
