using Bunit;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Components.Pages;
using SnogMarryAvoid.Web.Components.Pages.Facilitate;
using SnogMarryAvoid.Web.Components.Shared;

namespace SnogMarryAvoid.Tests.Components;

/// <summary>
/// A vote redraws the live figures of the console and the projector, not the pages around them (issue 20: the
/// console's whole page, deck and forms included, was drawn again for every vote), and a text of the room's
/// screen that reads as before is not drawn again.
/// </summary>
public class LiveRegionTests : ComponentTest
{
    [Fact]
    public async Task AVote_RedrawsTheConsolesLiveFigures_NotTheConsoleOrItsRunBar()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        var people = await Core.JoinAsync(session.JoinCode, 3);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        var cut = Render<SnogMarryAvoid.Web.Components.Pages.Facilitate.Console>(p => p.Add(c => c.SessionId, session.Id));
        cut.WaitForAssertion(() => cut.Find("[data-interactive]").GetAttribute("data-interactive").Should().Be("true"));
        // bUnit counts a component's renders with its children's: these have no live region inside them.
        var (header, deck, notes) = (cut.FindComponent<ConsoleHeader>().RenderCount, cut.FindComponent<DeckList>().RenderCount, cut.FindComponent<PresenterNotes>().RenderCount);

        foreach (var person in people)
        {
            await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Marry);
        }

        cut.WaitForAssertion(() => cut.Find("[data-testid=votes-in]").TextContent.Should().Be("3"), TimeSpan.FromSeconds(10));
        cut.WaitForAssertion(() => cut.Find("[data-testid=private-split] [data-count=Marry]").TextContent.Should().Be("3"), TimeSpan.FromSeconds(10));
        cut.FindComponent<LiveFigures>().RenderCount.Should().BeGreaterThan(1);
        cut.FindComponent<ConsoleHeader>().RenderCount.Should().Be(header, "a vote changes no part of the console outside its live regions");
        cut.FindComponent<DeckList>().RenderCount.Should().Be(deck);
        cut.FindComponent<PresenterNotes>().RenderCount.Should().Be(notes);
    }

    [Fact]
    public async Task AVote_RedrawsTheProjectorsTexts_OnlyWhereTheyChanged()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        var people = await Core.JoinAsync(session.JoinCode, 2);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        var cut = Render<Projector>(p => p.Add(c => c.SessionId, session.Id));
        cut.WaitForAssertion(() => cut.Find("[data-interactive]").GetAttribute("data-interactive").Should().Be("true"));
        var title = cut.FindComponents<Say>().Single(s => s.Markup == "Public body 1 meets Activist 1");
        var titleDrawn = title.RenderCount;

        await Core.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Avoid);
        cut.WaitForAssertion(() => cut.Find("[data-testid=total]").TextContent.Should().Be("1 vote in"), TimeSpan.FromSeconds(10));
        await Core.Voting.CastVoteAsync(people[1], scenarios[0].Id, Choice.Avoid);
        cut.WaitForAssertion(() => cut.Find("[data-testid=total]").TextContent.Should().Be("2 votes in"), TimeSpan.FromSeconds(10));

        title.RenderCount.Should().Be(titleDrawn, "the scenario's title reads as it did");
    }
}
