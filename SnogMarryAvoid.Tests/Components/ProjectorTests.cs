using Bunit;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Components.Pages;

namespace SnogMarryAvoid.Tests.Components;

public class ProjectorTests : ComponentTest
{
    [Fact]
    public async Task Projector_RedrawsWhenVotesArePublished_WithoutAReload()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        var people = await Core.JoinAsync(session.JoinCode, 3);
        await Core.Sessions.SetResultsLiveAsync(session.Id, TestCore.Owner, true);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        var cut = Render<Projector>(p => p.Add(c => c.SessionId, session.Id));
        cut.WaitForAssertion(() => cut.Find("[data-interactive]").GetAttribute("data-interactive").Should().Be("true"));
        cut.Find("[data-count=Snog]").TextContent.Should().Be("0");

        await Core.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Snog);
        await Core.Voting.CastVoteAsync(people[1], scenarios[0].Id, Choice.Snog);
        await Core.Voting.CastVoteAsync(people[2], scenarios[0].Id, Choice.Marry);

        cut.WaitForAssertion(() =>
        {
            cut.Find("[data-count=Snog]").TextContent.Should().Be("2");
            cut.Find("[data-count=Marry]").TextContent.Should().Be("1");
            cut.Find("[data-testid=total]").TextContent.Should().Be("3 votes");
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Projector_FollowsTheSession_NextScenarioJoinsAndReveal()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        var cut = Render<Projector>(p => p.Add(c => c.SessionId, session.Id));
        cut.WaitForAssertion(() => cut.Find("[data-interactive]").GetAttribute("data-interactive").Should().Be("true"));
        cut.Find("[data-testid=join-code]").TextContent.Should().Be(session.JoinCode);
        cut.Find("h1").TextContent.Should().Be("Test session");

        await Core.Scenarios.OpenAsync(session.Id, scenarios[1].Id, TestCore.Owner);
        cut.WaitForAssertion(() => cut.Find("h1").TextContent.Should().Be("Public body 2 meets Activist 2"), TimeSpan.FromSeconds(5));

        var person = (await Core.JoinAsync(session.JoinCode, 1))[0];
        cut.WaitForAssertion(() => cut.Find("[data-testid=room-count]").TextContent.Should().Be("1 in the room"), TimeSpan.FromSeconds(5));

        await Core.Voting.CastVoteAsync(person, scenarios[1].Id, Choice.Avoid);
        await Core.Scenarios.RevealAsync(session.Id, scenarios[1].Id, TestCore.Owner);
        cut.WaitForAssertion(() => cut.Find("[data-testid=verdict]").TextContent.Should().Be("The room says: avoid!"), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Projector_ForAnUnknownSession_SaysSo()
    {
        var cut = Render<Projector>(p => p.Add(c => c.SessionId, Guid.NewGuid()));

        cut.Find("[role=alert]").TextContent.Should().Be("That session does not exist.");
    }

    [Fact]
    public async Task Projector_ShowsHostileScenarioTextAsText()
    {
        var session = await Core.Sessions.CreateAsync("<b>bold</b> title", TestCore.Owner);
        var scenario = await Core.Decks.AddAsync(session.Id, TestCore.Owner, "<script>alert(1)</script>", "counterpart", null);
        await Core.Sessions.StartAsync(session.Id, TestCore.Owner);
        await Core.Scenarios.OpenAsync(session.Id, scenario.Id, TestCore.Owner);

        var cut = Render<Projector>(p => p.Add(c => c.SessionId, session.Id));

        cut.WaitForAssertion(() => cut.Find("h1").TextContent.Should().Be("<script>alert(1)</script> meets counterpart"));
        cut.FindAll("script, b").Should().BeEmpty();
    }
}
