using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Web.Components.Shared;

namespace SnogMarryAvoid.Tests.Components;

public class ProjectorViewTests : BunitContext
{
    private static readonly Guid ScenarioId = Guid.NewGuid();
    private static readonly ScenarioResults Tally = new(ScenarioId, 3, 5, 2);

    public ProjectorViewTests() => Services.AddSingleton(new SnogMarryAvoid.Web.Languages.Languages());

    private static RoomView Snapshot(ScenarioState state, bool live = false, bool blanked = false, DateTime? closesAt = null, params string[] spotlights) =>
        new(Guid.NewGuid(), "Room", "KX7PM", SessionPhase.Live,
            new ScenarioView(ScenarioId, 1, "NHS trust", "blogger", null, state, closesAt),
            3, 10, 7, state == ScenarioState.Revealed ? Tally : null, live, blanked, spotlights,
            ResultsVisible: ResultsVisibility.ToRoom(live, state), VerdictText: state == ScenarioState.Revealed ? VerdictText.Of(Tally.Verdict) : null);

    private IRenderedComponent<ProjectorView> RenderView(RoomView snapshot, TimeProvider? clock = null) =>
        Render<ProjectorView>(p => p
            .Add(c => c.Snapshot, snapshot)
            .Add(c => c.Results, Tally)
            .Add(c => c.Connected, 10)
            .Add(c => c.ShortJoinUrl, "vote.example.org/join")
            .Add(c => c.QrSvg, "<svg data-qr></svg>")
            .Add(c => c.Clock, clock ?? TimeProvider.System));

    [Fact]
    public void RevealOnly_WhileOpen_ShowsHowManyVotedButNotTheSplit()
    {
        var cut = RenderView(Snapshot(ScenarioState.Open));

        cut.Find("[data-testid=total]").TextContent.Should().Be("10 votes in");
        cut.FindAll(".result-row").Should().BeEmpty();
        cut.FindAll("[data-testid=verdict]").Should().BeEmpty();
    }

    [Fact]
    public void LiveResults_WhileOpen_ShowTheBars()
    {
        var cut = RenderView(Snapshot(ScenarioState.Open, live: true));

        cut.Find("[data-count=Marry]").TextContent.Should().Be("5");
        cut.Find("[data-testid=total]").TextContent.Should().Be("10 votes");
    }

    [Fact]
    public void Revealed_ShowsBarsAndTheVerdict()
    {
        var cut = RenderView(Snapshot(ScenarioState.Revealed));

        cut.Find("[data-count=Snog]").TextContent.Should().Be("3");
        cut.Find("[data-testid=verdict]").TextContent.Should().Be("The room says: marry!");
    }

    [Fact]
    public void JoinDetails_CodeUrlQrAndHeadCount()
    {
        var cut = RenderView(Snapshot(ScenarioState.Open));

        cut.Find("[data-testid=join-code]").TextContent.Should().Be("KX7PM");
        cut.Find("[data-testid=join-url]").TextContent.Should().Be("vote.example.org/join");
        cut.Find("[data-testid=room-count]").TextContent.Should().Be("10 in the room");
        cut.Find(".qr").GetAttribute("aria-label").Should().Be("QR code to join this session");
    }

    [Fact]
    public void Blanked_ShowsNothingOfTheSession()
    {
        var cut = RenderView(Snapshot(ScenarioState.Open, blanked: true));

        cut.Find(".projector-view").GetAttribute("data-blanked").Should().Be("true");
        cut.FindAll("h1, [data-testid=join-code], .result-row").Should().BeEmpty();
    }

    [Fact]
    public void Spotlights_AreQuotedAsText()
    {
        var cut = RenderView(Snapshot(ScenarioState.Closed, spotlights: ["They reach people we never do.", "<b>bold</b> claim"]));

        cut.FindAll(".spotlights blockquote").Select(b => b.TextContent).Should().Equal("They reach people we never do.", "<b>bold</b> claim");
        cut.FindAll(".spotlights b").Should().BeEmpty();
    }

    [Fact]
    public void Countdown_ShowsTheSecondsLeft()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        var cut = RenderView(Snapshot(ScenarioState.Open, closesAt: clock.GetUtcNow().UtcDateTime.AddSeconds(45)), clock);

        var countdown = cut.Find("[data-testid=countdown]");
        countdown.TextContent.Should().Be("0:45");
        countdown.GetAttribute("data-closes-in-ms").Should().Be("45000");
    }
}
