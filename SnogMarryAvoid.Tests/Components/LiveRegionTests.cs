using System.Runtime.ExceptionServices;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
#pragma warning disable BL0006
using Microsoft.AspNetCore.Components.RenderTree;
#pragma warning restore BL0006
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Participants;
using SnogMarryAvoid.Core.Sessions;
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

    /// <summary>
    /// A vote redraws the projector's tally and head count, not its slide: the scenario, the join bar and the QR code
    /// are outside its live regions (the whole slide was one region, built and compared again for every vote).
    /// </summary>
    [Fact]
    public async Task TheProjectorsLiveRegions_HoldItsTallyAndHeadCount_NotTheSlideAroundThem()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        var people = await Core.JoinAsync(session.JoinCode, 1);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        var cut = Render<Projector>(p => p.Add(c => c.SessionId, session.Id));
        cut.WaitForAssertion(() => cut.Find("[data-interactive]").GetAttribute("data-interactive").Should().Be("true"));

        await Core.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Avoid);
        cut.WaitForAssertion(() => cut.Find("[data-testid=total]").TextContent.Should().Be("1 vote in"), TimeSpan.FromSeconds(10));

        var regions = cut.FindComponents<LiveRegion>().Select(r => r.Markup).ToList();
        regions.Should().HaveCount(2);
        regions.Should().ContainSingle(m => m.Contains("data-testid=\"total\"", StringComparison.Ordinal));
        regions.Should().ContainSingle(m => m.Contains("data-testid=\"room-count\"", StringComparison.Ordinal));
        regions.Should().NotContain(m => m.Contains("Public body 1 meets Activist 1", StringComparison.Ordinal) || m.Contains("join-code", StringComparison.Ordinal),
            "the scenario and the join bar are drawn with the room's view, not with a vote");
        cut.Markup.Should().NotContain("<text", "a live part of the slide adds no element of its own");
    }

    /// <summary>
    /// A page's live regions redraw in one render batch: one message to the browser and one acknowledgement back for
    /// a vote, not one of each per region (the console has up to four; each was its own batch).
    /// </summary>
    [Fact]
    public async Task ThePagesLiveRegions_RedrawTogether_InOneRenderBatch()
    {
        using var follower = new SessionFollower(Core.Services.GetRequiredService<SessionService>(), Core.Services.GetRequiredService<ISessionEvents>(),
            Core.Services.GetRequiredService<PresenceTracker>(), TimeProvider.System);
        var page = new ThreeRegions { Follower = follower };
        await using var renderer = new CountingRenderer(new ServiceCollection().BuildServiceProvider());
        await renderer.RenderAsync(page);
        page.Drawn.Should().Equal(1, 1, 1);
        var batches = renderer.Batches;

        await renderer.Dispatcher.InvokeAsync(follower.RedrawLive);
        await renderer.Dispatcher.InvokeAsync(follower.RedrawLive);

        page.Drawn.Should().Equal([3, 3, 3], "every region redraws for each change");
        (renderer.Batches - batches).Should().Be(2, "the three regions are drawn in one batch each time");
        page.PageDrawn.Should().Be(1, "the page around them is not drawn again");
    }

    /// <summary>
    /// A page without live regions that shows no live figures now (the projector blanked, or at its recap) is not
    /// redrawn for a vote; it was, whole, for every tally and every phone coming or going.
    /// </summary>
    [Fact]
    public async Task AVote_RedrawsNothing_OnAPageThatShowsNoLiveFiguresNow_AndRedrawsThePageThatShowsThem()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        var person = (await Core.JoinAsync(session.JoinCode, 1))[0];
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        using var blank = await FollowingPage.StartAsync(Core.Services, session.Id, liveShown: false);
        using var shown = await FollowingPage.StartAsync(Core.Services, session.Id, liveShown: true);

        await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Marry);

        // Each page has applied the vote's tally once its handler has run to the end.
        await Until(() => blank.Follower.Results?.Total == 1 && blank.Handled > 0 && shown.Follower.Results?.Total == 1 && shown.Redraws > 0);
        blank.Redraws.Should().Be(0, "a blanked screen has nothing a vote changes");
        blank.Failures.Should().BeEmpty();
    }

    /// <summary>A page without live regions, following a session: it counts its redraws and the events it has handled.</summary>
    private sealed class FollowingPage(SessionFollower follower) : IDisposable
    {
        private int _redraws;
        private int _handled;

        public SessionFollower Follower { get; } = follower;

        public int Redraws => Volatile.Read(ref _redraws);

        public int Handled => Volatile.Read(ref _handled);

        public List<Exception> Failures { get; } = [];

        public static async Task<FollowingPage> StartAsync(IServiceProvider services, Guid sessionId, bool liveShown)
        {
            var page = new FollowingPage(new SessionFollower(services.GetRequiredService<SessionService>(), services.GetRequiredService<ISessionEvents>(),
                services.GetRequiredService<PresenceTracker>(), TimeProvider.System));
            await page.Follower.LoadAsync(sessionId, TestCore.Owner);
            // One event at a time, as a page's dispatcher applies them.
            var gate = new SemaphoreSlim(1);
            await page.Follower.FollowAsync(
                async apply =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        await apply();
                    }
                    finally
                    {
                        Interlocked.Increment(ref page._handled);
                        gate.Release();
                    }
                },
                () => Interlocked.Increment(ref page._redraws),
                ex => { page.Failures.Add(ex); return Task.CompletedTask; },
                () => liveShown);
            return page;
        }

        public void Dispose() => Follower.Dispose();
    }

    private sealed class ThreeRegions : ComponentBase
    {
        public SessionFollower Follower { get; init; } = default!;

        public int[] Drawn { get; } = new int[3];

        public int PageDrawn { get; private set; }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            PageDrawn++;
            Region(builder, 0, 0);
            Region(builder, 10, 1);
            Region(builder, 20, 2);
        }

        // The three regions stand at fixed places of the page: each is given its own sequence numbers.
#pragma warning disable ASP0006
        private void Region(RenderTreeBuilder builder, int at, int region)
        {
            builder.OpenComponent<LiveRegion>(at);
            builder.AddComponentParameter(at + 1, nameof(LiveRegion.Follower), Follower);
            builder.AddComponentParameter(at + 2, nameof(LiveRegion.ChildContent), (RenderFragment)(b => b.AddContent(0, ++Drawn[region])));
            builder.CloseComponent();
        }
#pragma warning restore ASP0006
    }

    /// <summary>A renderer that counts the batches it would send to a browser (Blazor's own render tree types, for a test).</summary>
#pragma warning disable BL0006
    private sealed class CountingRenderer(IServiceProvider services) : Renderer(services, NullLoggerFactory.Instance)
    {
        public int Batches { get; private set; }

        public override Dispatcher Dispatcher { get; } = Dispatcher.CreateDefault();

        public Task RenderAsync(IComponent component) => Dispatcher.InvokeAsync(() => RenderRootComponentAsync(AssignRootComponentId(component)));

        protected override void HandleException(Exception exception) => ExceptionDispatchInfo.Capture(exception).Throw();

        protected override Task UpdateDisplayAsync(in RenderBatch renderBatch)
        {
            Batches++;
            return Task.CompletedTask;
        }
    }
#pragma warning restore BL0006
}
