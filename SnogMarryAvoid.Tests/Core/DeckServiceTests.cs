using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Decks;
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
    public async Task Edit_AnOpenedScenario_IsRejected()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(2);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);

        var act = () => Core.Decks.EditAsync(session.Id, scenarios[0].Id, TestCore.Owner, "X", "Y", null);

        (await act.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("A scenario that has been opened cannot be edited; reset it first.");
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
