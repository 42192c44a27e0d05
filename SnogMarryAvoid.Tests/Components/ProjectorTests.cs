using Bunit;
using Microsoft.Extensions.DependencyInjection;
using SnogMarryAvoid.Core.Participants;
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

    /// <summary>A blanked projector draws no vote (issue 20), and shows the tally of the moment when it comes back.</summary>
    [Fact]
    public async Task VotesWhileBlanked_AreOnTheScreen_WhenItComesBack()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        var people = await Core.JoinAsync(session.JoinCode, 2);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Core.Sessions.SetBlankedAsync(session.Id, TestCore.Owner, true);
        var cut = Render<Projector>(p => p.Add(c => c.SessionId, session.Id));
        cut.WaitForAssertion(() => cut.Find("[data-interactive]").GetAttribute("data-interactive").Should().Be("true"));
        cut.Find("[data-testid=blanked]");

        await Core.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Snog);
        await Core.Voting.CastVoteAsync(people[1], scenarios[0].Id, Choice.Avoid);
        await Core.Sessions.SetBlankedAsync(session.Id, TestCore.Owner, false);

        cut.WaitForAssertion(() => cut.Find("[data-testid=total]").TextContent.Should().Be("2 votes in"), TimeSpan.FromSeconds(10));
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
        cut.Find("[data-testid=room-count]").TextContent.Should().Be("0 in the room", "joining once is not being here: nobody has the page open");
        using (Core.Services.GetRequiredService<PresenceTracker>().Connect(session.Id))
        {
            cut.WaitForAssertion(() => cut.Find("[data-testid=room-count]").TextContent.Should().Be("1 in the room"), TimeSpan.FromSeconds(5));
        }

        cut.WaitForAssertion(() => cut.Find("[data-testid=room-count]").TextContent.Should().Be("0 in the room"), TimeSpan.FromSeconds(5));

        await Core.Voting.CastVoteAsync(person, scenarios[1].Id, Choice.Avoid);
        await Core.Scenarios.RevealAsync(session.Id, scenarios[1].Id, TestCore.Owner);
        cut.WaitForAssertion(() => cut.Find("[data-testid=verdict]").TextContent.Should().Be("The room says: avoid!"), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task TheLobby_IsAllJoin_AndTheCountOfPhonesHereGrowsLive()
    {
        var (session, _) = await Core.LiveSessionAsync();
        var cut = Render<Projector>(p => p.Add(c => c.SessionId, session.Id));
        cut.WaitForAssertion(() => cut.Find("[data-interactive]").GetAttribute("data-interactive").Should().Be("true"));

        cut.Find(".projector-view").GetAttribute("data-screen").Should().Be("lobby");
        cut.Find(".lobby-code").TextContent.Should().Be(session.JoinCode);
        cut.Find(".lobby-qr").GetAttribute("aria-label").Should().Be("QR code to join this session");
        cut.Find("[data-testid=join-url]").TextContent.Should().Be("localhost/join");
        var phones = Enumerable.Range(0, 3).Select(_ => Core.Services.GetRequiredService<PresenceTracker>().Connect(session.Id)).ToList();
        cut.WaitForAssertion(() => cut.Find("[data-testid=room-count]").TextContent.Should().Be("3 in the room"), TimeSpan.FromSeconds(5));
        phones.ForEach(p => p.Dispose());
    }

    [Theory]
    [InlineData("pending")]
    [InlineData("open")]
    [InlineData("closed")]
    [InlineData("revealed")]
    public async Task EveryScenarioScreen_HasTheJoinBar_SoLatecomersCanJoin(string state)
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        var id = scenarios[0].Id;
        await (state == "pending" ? Core.Scenarios.GoToAsync(session.Id, id, TestCore.Owner) : Core.Scenarios.OpenAsync(session.Id, id, TestCore.Owner));
        if (state is "closed" or "revealed")
        {
            await (state == "closed" ? Core.Scenarios.CloseAsync(session.Id, id, TestCore.Owner) : Core.Scenarios.RevealAsync(session.Id, id, TestCore.Owner));
        }

        var cut = Render<Projector>(p => p.Add(c => c.SessionId, session.Id));

        cut.WaitForAssertion(() => cut.Find(".join-bar [data-testid=join-code]").TextContent.Should().Be(session.JoinCode));
        cut.Find(".join-bar .qr svg").Should().NotBeNull();
        cut.Find(".join-bar [data-testid=join-url]").TextContent.Should().Be("localhost/join");
    }

    [Fact]
    public async Task AtTheEnd_TheProjectorShowsWhatTheRoomDecided_AndNoLongerTheFreedCode()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(2);
        var people = await Core.JoinAsync(session.JoinCode, 2);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Core.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Snog);
        await Core.Voting.CastVoteAsync(people[1], scenarios[0].Id, Choice.Snog);
        await Core.Scenarios.RevealAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        var cut = Render<Projector>(p => p.Add(c => c.SessionId, session.Id));
        cut.WaitForAssertion(() => cut.Find("[data-interactive]").GetAttribute("data-interactive").Should().Be("true"));

        await Core.Sessions.EndAsync(session.Id, TestCore.Owner);

        cut.WaitForAssertion(() => cut.Find(".projector-view").GetAttribute("data-screen").Should().Be("recap"));
        cut.Find("h1").TextContent.Should().Be("Thank you for taking part!");
        cut.FindAll(".recap-item").Should().ContainSingle();
        cut.Find(".recap-title").TextContent.Should().Be(scenarios[0].Title);
        cut.Find(".recap-verdict").TextContent.Should().Be("The room says: snog!");
        cut.Find(".recap-item [data-count=Snog]").TextContent.Should().Be("2");
        cut.FindAll("[data-testid=join-code], .qr").Should().BeEmpty("the code is freed: nobody should be sent to it");
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
