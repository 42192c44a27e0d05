using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using SnogMarryAvoid.Core.Decks;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using Console = SnogMarryAvoid.Web.Components.Pages.Facilitate.Console;

namespace SnogMarryAvoid.Tests.Components;

public class ConsoleTests : ComponentTest
{
    private IRenderedComponent<MudBlazor.MudPopoverProvider> _popovers = default!;

    private IRenderedComponent<Console> RenderConsole(Guid sessionId)
    {
        _popovers = Render<MudBlazor.MudPopoverProvider>();
        var cut = Render<Console>(p => p.Add(c => c.SessionId, sessionId));
        cut.WaitForAssertion(() => cut.Find("[data-interactive]").GetAttribute("data-interactive").Should().Be("true"));
        return cut;
    }

    private static ScenarioState StateOf(IRenderedComponent<Console> cut, int index) =>
        Enum.Parse<ScenarioState>(cut.FindAll(".deck-item")[index].GetAttribute("data-state")!);

    [Fact]
    public async Task Console_ShowsTheDeckAndTheLiveFigures()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(3);
        await Core.JoinAsync(session.JoinCode, 2);

        var cut = RenderConsole(session.Id);

        cut.FindAll(".deck-title").Select(e => e.TextContent).Should().Equal(scenarios.Select(s => s.Title));
        cut.Find("[data-testid=join-code]").TextContent.Should().Be(session.JoinCode);
        cut.Find("[data-testid=participants]").TextContent.Should().Be("2");
    }

    [Fact]
    public async Task NextStepButton_WalksTheScenario_AndSaysWhatItWillDo()
    {
        var (session, _) = await Core.LiveSessionAsync(2);
        var cut = RenderConsole(session.Id);

        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Contains("Show: Public body 1 meets Activist 1")).Click());
        cut.WaitForAssertion(() => cut.Find(".deck-item.current").GetAttribute("data-state").Should().Be("Pending"));
        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Contains("Open voting")).Click());
        cut.WaitForAssertion(() => StateOf(cut, 0).Should().Be(ScenarioState.Open));
        cut.FindAll("button").Should().Contain(b => b.TextContent.Contains("Close voting"));

        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Contains("Close voting")).Click());
        cut.WaitForAssertion(() => StateOf(cut, 0).Should().Be(ScenarioState.Closed));
    }

    [Fact]
    public async Task Duplicate_ShowsTheCopy_AndEveryControlThenActsOnTheCopy()
    {
        var (session, _) = await Core.LiveSessionAsync(2);
        var cut = RenderConsole(session.Id);
        var navigation = Services.GetRequiredService<NavigationManager>();

        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Contains("Duplicate")).Click());
        cut.WaitForAssertion(() => navigation.Uri.Should().NotEndWith(session.Id.ToString()));
        var copyId = Guid.Parse(navigation.Uri.Split('/')[^1]);

        // The router hands the same page its new parameter; it must now show the copy and act on it.
        cut.Render(p => p.Add(c => c.SessionId, copyId));
        cut.WaitForAssertion(() => cut.Find("h1").TextContent.Should().EndWith("(copy)"));
        cut.Find("[data-session]").GetAttribute("data-session").Should().Be(copyId.ToString());
        cut.Find("[data-testid=phase]").TextContent.Should().Be("Draft");

        await cut.InvokeAsync(() => cut.Instance.OnShortcut("s"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=phase]").TextContent.Should().Be("Live"));
        await cut.InvokeAsync(() => cut.Instance.OnShortcut("b"));

        (await Core.Sessions.GetRoomViewAsync(copyId, TestCore.Owner)).IsBlanked.Should().BeTrue();
        (await Core.Sessions.GetRoomViewAsync(session.Id, TestCore.Owner)).IsBlanked.Should().BeFalse();
        cut.WaitForAssertion(() => cut.FindAll("button").Should().Contain(b => b.TextContent.Contains("Show projector")));
    }

    [Fact]
    public async Task Shortcuts_DriveTheSession_LikeAClicker()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(2);
        var cut = RenderConsole(session.Id);

        for (var i = 0; i < 4; i++)
        {
            await cut.InvokeAsync(() => cut.Instance.OnShortcut("PageDown"));
        }

        cut.WaitForAssertion(() => StateOf(cut, 0).Should().Be(ScenarioState.Revealed));

        await cut.InvokeAsync(() => cut.Instance.OnShortcut("b"));
        (await Core.Sessions.GetRoomViewAsync(session.Id, TestCore.Owner)).IsBlanked.Should().BeTrue();
        await cut.InvokeAsync(() => cut.Instance.OnShortcut("."));
        (await Core.Sessions.GetRoomViewAsync(session.Id, TestCore.Owner)).IsBlanked.Should().BeFalse();

        await cut.InvokeAsync(() => cut.Instance.OnShortcut("PageDown"));
        await cut.InvokeAsync(() => cut.Instance.OnShortcut("PageDown"));
        cut.WaitForAssertion(() => StateOf(cut, 1).Should().Be(ScenarioState.Open));
        await cut.InvokeAsync(() => cut.Instance.OnShortcut("PageUp"));
        (await Core.Sessions.GetRoomViewAsync(session.Id, TestCore.Owner)).Current!.Id.Should().Be(scenarios[0].Id);

        await cut.InvokeAsync(() => cut.Instance.OnShortcut("?"));
        cut.Find("[role=dialog]").TextContent.Should().Contain("Keyboard and clicker shortcuts");
        await cut.InvokeAsync(() => cut.Instance.OnShortcut("Escape"));
        cut.FindAll(".shortcut-overlay").Should().BeEmpty();
    }

    [Fact]
    public async Task Countdown_ShortcutCyclesAndTheNextOpeningUsesIt()
    {
        var (session, _) = await Core.LiveSessionAsync(1);
        var cut = RenderConsole(session.Id);

        await cut.InvokeAsync(() => cut.Instance.OnShortcut("t"));
        await cut.InvokeAsync(() => cut.Instance.OnShortcut("PageDown"));
        await cut.InvokeAsync(() => cut.Instance.OnShortcut("PageDown"));

        var current = (await Core.Sessions.GetRoomViewAsync(session.Id, TestCore.Owner)).Current!;
        current.State.Should().Be(ScenarioState.Open);
        current.ClosesAt.Should().NotBeNull();
        (current.ClosesAt!.Value - DateTime.UtcNow).TotalSeconds.Should().BeInRange(1, 30);
    }

    [Fact]
    public async Task Reasons_ArriveLive_AndCanBeSpotlightedAndHidden()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(1);
        var person = (await Core.JoinAsync(session.JoinCode, 1))[0];
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        var cut = RenderConsole(session.Id);

        await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Marry);
        await Core.Voting.SetReasonAsync(person, scenarios[0].Id, "Long-term trust matters.");
        cut.WaitForAssertion(() => cut.Find(".reason-text").TextContent.Should().Be("Long-term trust matters."));

        await cut.InvokeAsync(() => cut.FindAll(".reason-actions button").Single(b => b.TextContent.Contains("Spotlight")).Click());
        cut.WaitForAssertion(() => cut.Find(".spotlights blockquote").TextContent.Should().Be("Long-term trust matters."));

        await cut.InvokeAsync(() => cut.FindAll(".reason-actions button").Single(b => b.TextContent.Contains("Hide")).Click());
        cut.WaitForAssertion(() => cut.FindAll(".spotlights").Should().BeEmpty());
        cut.Find(".reason-item").ClassList.Should().Contain("hidden-reason");
    }

    [Fact]
    public async Task HostileTextInTheDeckTitleReasonsAndNotes_IsShownAsText()
    {
        const string Hostile = "<img src=x onerror=alert(1)><script>alert(2)</script>";
        var session = await Core.Sessions.CreateAsync(Hostile, TestCore.Owner);
        var scenario = await Core.Decks.AddAsync(session.Id, TestCore.Owner, Hostile, "counterpart " + Hostile, Hostile);
        await Core.Sessions.StartAsync(session.Id, TestCore.Owner);
        var person = (await Core.JoinAsync(session.JoinCode, 1))[0];
        await Core.Scenarios.OpenAsync(session.Id, scenario.Id, TestCore.Owner);
        await Core.Voting.CastVoteAsync(person, scenario.Id, Choice.Avoid);
        await Core.Voting.SetReasonAsync(person, scenario.Id, Hostile);
        await Core.Decks.SetNotesAsync(session.Id, scenario.Id, TestCore.Owner, "notes " + Hostile);

        var cut = RenderConsole(session.Id);

        cut.WaitForAssertion(() => cut.Find(".reason-text").TextContent.Should().Be(Hostile));
        cut.Find(".notes-text").TextContent.Should().Be("notes " + Hostile);
        cut.Find(".deck-title").TextContent.Should().Contain(Hostile);
        cut.Markup.Should().Contain("&lt;script&gt;");
        cut.FindAll("script").Should().BeEmpty();
        cut.FindAll("img[src=x]").Should().BeEmpty();
    }

    /// <summary>The console draws what each event carries: no database command for a new view, a tally or a reason.</summary>
    [Fact]
    public async Task Events_AreDrawnFromWhatTheyCarry_WithoutAskingTheDatabase()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(2);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        var cut = RenderConsole(session.Id);
        var view = await Core.Sessions.GetAsync(session.Id, TestCore.Owner);
        var renamed = view with { Room = view.Room with { Title = "Renamed by an event", Revision = view.Room.Revision + 1 } };
        var reason = new ReasonView(Guid.NewGuid(), Choice.Marry, "Arrived with its event.", false, false, DateTime.UtcNow);
        var commands = Core.Commands.Count;
        commands.Should().BePositive("the counter sees every command (the set-up ran many)");

        await Core.Events.PublishAsync(new SessionChanged(session.Id, renamed));
        await Core.Events.PublishAsync(new ResultsChanged(session.Id, new ScenarioResults(scenarios[0].Id, 4, 5, 6), view.LastSequence + 10));
        await Core.Events.PublishAsync(new ReasonsChanged(session.Id, scenarios[0].Id, reason.VoteId, reason, 1));

        cut.WaitForAssertion(() =>
        {
            cut.Find(".console-title").TextContent.Should().Be("Renamed by an event");
            cut.Find("[data-testid=votes-in]").TextContent.Should().Be("15");
            cut.Find(".reason-text").TextContent.Should().Be("Arrived with its event.");
        });
        Core.Commands.Count.Should().Be(commands, "the console ran no database command for these events");
    }

    [Fact]
    public async Task TheNextStep_IsLabelledByCore_AndAtTheEndOfTheDeckItIsDisabled()
    {
        var (session, _) = await Core.LiveSessionAsync(1);
        var cut = RenderConsole(session.Id);
        string Label() => cut.Find("[data-testid=next-step]").TextContent.Trim();

        Label().Should().Be("Show: Public body 1 meets Activist 1");
        foreach (var expected in new[] { "Open voting", "Close voting", "Reveal", "End of the deck" })
        {
            await cut.InvokeAsync(() => cut.Instance.OnShortcut("PageDown"));
            cut.WaitForAssertion(() => Label().Should().Be(expected));
        }

        cut.Find("[data-testid=next-step]").HasAttribute("disabled").Should().BeTrue();
        var revision = (await Core.Sessions.GetRoomViewAsync(session.Id, TestCore.Owner)).Revision;
        await cut.InvokeAsync(() => cut.Instance.OnShortcut("PageDown"));
        (await Core.Sessions.GetRoomViewAsync(session.Id, TestCore.Owner)).Revision.Should().Be(revision, "the clicker at the end of the deck changes nothing");
    }

    [Fact]
    public async Task TheDeck_OffersNoButtonThatMovesTheRoom_OnlyAMenuPerScenario()
    {
        var (session, _) = await Core.LiveSessionAsync(5);
        var cut = RenderConsole(session.Id);

        cut.FindAll(".deck-actions button").Should().OnlyContain(b => (b.GetAttribute("aria-label") ?? "").StartsWith("Actions for scenario"));
        cut.FindAll("[data-testid=next-step]").Should().ContainSingle("the run bar's next step is the one primary control");
    }

    [Fact]
    public async Task JumpingAwayFromOpenVotingWithVotesIn_AsksFirst_AndCancelLeavesTheRoomAsItWas()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(5);
        var people = await Core.JoinAsync(session.JoinCode, 4);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        foreach (var person in people)
        {
            await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Snog);
        }

        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = RenderConsole(session.Id);
        cut.WaitForAssertion(() => cut.Find("[data-testid=votes-in]").TextContent.Should().Be("4"));
        string DialogText() => string.Concat(dialogs.FindAll(".mud-dialog").Select(d => d.TextContent));
        IReadOnlyList<AngleSharp.Dom.IElement> Buttons() => [.. dialogs.FindAll(".mud-dialog button")];

        await OpenMenuItemAsync(cut, 5, "Show on the projector");
        cut.WaitForAssertion(() => DialogText().Should().Contain("Voting on scenario 1 is open, with 4 votes in."));
        await cut.InvokeAsync(() => Buttons().Single(b => b.TextContent.Trim() == "Cancel").Click());
        var room = await Core.Sessions.GetRoomViewAsync(session.Id, TestCore.Owner);
        (room.Current!.Id, room.Current.State).Should().Be((scenarios[0].Id, ScenarioState.Open), "Cancel moves nothing");

        await OpenMenuItemAsync(cut, 5, "Show on the projector");
        cut.WaitForAssertion(() => DialogText().Should().Contain("4 votes in"));
        await cut.InvokeAsync(() => Buttons().Single(b => b.TextContent.Trim() == "Move on").Click());
        cut.WaitForAssertion(() => cut.Find(".deck-item.current .deck-number").TextContent.Should().Be("5"));
        await using (var db = await Core.Db.ReadAsync())
        {
            (await Tallies.CountAsync(db, scenarios[0].Id)).Total.Should().Be(4, "the votes are kept");
        }

        // Back to scenario 1 and on again: nothing is open now, so nothing asks.
        await cut.InvokeAsync(() => cut.Instance.OnShortcut("PageUp"));
        cut.WaitForAssertion(() => cut.Find(".deck-item.current .deck-number").TextContent.Should().Be("4"));
        DialogText().Should().BeEmpty();
    }

    [Fact]
    public async Task InARevealOnlySession_TheFacilitatorAloneSeesTheLiveSplit_AndCanHideIt()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(1);
        var people = await Core.JoinAsync(session.JoinCode, 3);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        var cut = RenderConsole(session.Id);

        await Core.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Marry);
        await Core.Voting.CastVoteAsync(people[1], scenarios[0].Id, Choice.Marry);
        await Core.Voting.CastVoteAsync(people[2], scenarios[0].Id, Choice.Avoid);

        cut.WaitForAssertion(() =>
        {
            var split = cut.Find("[data-testid=private-split]");
            split.TextContent.Should().Contain("Only you see this");
            split.QuerySelector("[data-count=Marry]")!.TextContent.Should().Be("2");
            split.QuerySelector("[data-count=Avoid]")!.TextContent.Should().Be("1");
            cut.Find("[data-testid=votes-per-minute]").TextContent.Should().Be("3");
        });
        cut.Find(".console-preview").QuerySelectorAll("[data-count]").Should().BeEmpty("the projector shows nothing before the reveal");

        await cut.InvokeAsync(() => cut.Find("[data-testid=private-split] button").Click());
        cut.Find("[data-testid=private-split]").QuerySelectorAll("[data-count]").Should().BeEmpty();
        cut.Find("[data-testid=private-split] button").TextContent.Should().Be("Show");

        await Core.Sessions.SetResultsLiveAsync(session.Id, TestCore.Owner, true);
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=private-split]").Should().BeEmpty("with results live the projector shows the split to everyone"));
    }

    private async Task OpenMenuItemAsync(IRenderedComponent<Console> cut, int scenario, string item)
    {
        await cut.InvokeAsync(() => cut.Find($"[aria-label='Actions for scenario {scenario}']").Click());
        _popovers.WaitForAssertion(() => _popovers.FindAll(".mud-menu-item").Should().Contain(m => m.TextContent.Contains(item)));
        await cut.InvokeAsync(() => _popovers.FindAll(".mud-menu-item").Single(m => m.TextContent.Contains(item)).Click());
    }

    [Fact]
    public async Task InWelsh_TheConsoleSpeaksWelsh_TheScenariosInTheirWelsh_AndCoresRefusalGoesUnderTheWelshField()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(2);
        await Core.Decks.EditAsync(session.Id, scenarios[1].Id, TestCore.Owner, new DeckEntry(scenarios[1].PublicBody, scenarios[1].Counterpart, null, null,
            new Dictionary<string, ScenarioText> { ["cy"] = new("Corff 2", "Ymgyrchydd 2", null) }));
        var (culture, uiCulture) = (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture);
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("cy-GB");
        try
        {
            var cut = RenderConsole(session.Id);

            cut.Find("[data-testid=phase]").TextContent.Should().Be("Byw");
            cut.Find("[data-testid=next-step]").TextContent.Should().Be("Dangos: Public body 1 meets Activist 1", "a scenario with no Welsh keeps its English");
            cut.FindAll("button").Select(b => b.TextContent.Trim()).Should().Contain(["Gorffen y sesiwn", "Yn ôl", "Llwybrau byr"]).And.NotContain("End session");
            var titles = cut.FindAll(".deck-title");
            (titles[0].TextContent, titles[0].GetAttribute("lang")).Should().Be(("Public body 1 meets Activist 1", "en-GB"));
            (titles[1].TextContent, titles[1].GetAttribute("lang")).Should().Be(("Corff 2 yn cwrdd â Ymgyrchydd 2", null));

            await cut.InvokeAsync(() => cut.Find("[aria-label='Camau ar gyfer senario 1']").Click());
            _popovers.WaitForAssertion(() => _popovers.FindAll(".mud-menu-item").Should().Contain(m => m.TextContent.Contains("Golygu")));
            await cut.InvokeAsync(() => _popovers.FindAll(".mud-menu-item").Single(m => m.TextContent.Contains("Golygu")).Click());
            var counterpart = cut.FindAll(".scenario-editor input").Single(i => i.GetAttribute("value") == "Activist 1");
            await cut.InvokeAsync(() => counterpart.Change(""));
            await cut.InvokeAsync(() => cut.Find(".scenario-editor").Submit());
            cut.WaitForAssertion(() => cut.FindAll(".scenario-editor .mud-input-helper-text").Select(h => h.TextContent.Trim()).Where(t => t.Length > 0)
                .Should().Equal("Y parti arall: mae angen hwn."));
            cut.Find(".scenario-editor").QuerySelectorAll(".mud-alert-text-warning").Should().BeEmpty("the Welsh message is beside its field too");
        }
        finally
        {
            (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    [Fact]
    public async Task PresenterNotes_ShowOnTheConsoleForTheScenarioOnTheProjector_AndNeverOnTheSlide()
    {
        const string Notes = "Ask the activists first: would a fling be enough?";
        var session = await Core.Sessions.CreateAsync("Notes", TestCore.Owner);
        await Core.Decks.AddAsync(session.Id, TestCore.Owner, [new SnogMarryAvoid.Core.Decks.DeckEntry("Trust", "Blogger", null, Notes), new("Council", "Group", null)]);
        await Core.Sessions.StartAsync(session.Id, TestCore.Owner);
        var cut = RenderConsole(session.Id);

        cut.Find("[data-testid=presenter-notes]").TextContent.Should().Contain(Notes, "before anything is shown, the notes of what the next step shows");
        await cut.InvokeAsync(() => cut.Instance.OnShortcut("PageDown"));
        cut.WaitForAssertion(() => cut.Find(".console-preview h1").TextContent.Should().Be("Trust meets Blogger"));
        cut.Find("[data-testid=presenter-notes]").TextContent.Should().Contain(Notes).And.Contain("Only facilitators see these");
        cut.Find(".console-preview").TextContent.Should().NotContain("fling", "the slide never shows notes");
    }

    [Fact]
    public async Task EditingTheOpenScenario_FromItsMenu_PutsAnErrorBesideItsField_AndEscCancels()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(2);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        var cut = RenderConsole(session.Id);

        await OpenMenuItemAsync(cut, 1, "Edit");
        cut.WaitForAssertion(() => cut.Find(".scenario-editor").TextContent.Should().Contain("Votes are kept"));
        var counterpart = cut.FindAll(".scenario-editor input").Single(i => i.GetAttribute("value") == "Activist 1");
        await cut.InvokeAsync(() => counterpart.Change(""));
        await cut.InvokeAsync(() => cut.Find(".scenario-editor").Submit());
        cut.WaitForAssertion(() => cut.FindAll(".scenario-editor .mud-input-helper-text").Select(h => h.TextContent.Trim()).Where(t => t.Length > 0).Should().Equal("Counterpart is required."));
        cut.Find(".scenario-editor").QuerySelectorAll(".mud-alert-text-warning").Should().BeEmpty("the message is beside its field, not in a banner");

        await cut.InvokeAsync(() => cut.Find(".scenario-editor").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Escape" }));
        cut.FindAll(".scenario-editor").Should().BeEmpty("Esc cancels the edit");
        (await Core.Sessions.GetRoomViewAsync(session.Id, TestCore.Owner)).Current!.Counterpart.Should().Be("Activist 1");
    }

    [Fact]
    public async Task TheOwner_SharesTheSessionFromTheConsole_AndRemovesTheCoFacilitator()
    {
        await Core.Db.WriteAsync(async ctx =>
        {
            ctx.Users.Add(new Microsoft.AspNetCore.Identity.IdentityUser { Id = "facilitator-c", UserName = "c@example.org", Email = "c@example.org", NormalizedEmail = "C@EXAMPLE.ORG" });
            return await ctx.SaveChangesAsync();
        });
        var (session, _) = await Core.LiveSessionAsync(1);
        var cut = RenderConsole(session.Id);

        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Share").Click());
        var email = cut.Find("[data-testid=share-panel] input");
        await cut.InvokeAsync(() => email.Change("nobody@example.org"));
        await cut.InvokeAsync(() => cut.Find(".share-form").Submit());
        cut.WaitForAssertion(() => cut.Find("[data-testid=share-panel] .mud-input-helper-text").TextContent.Should().Contain("No account has the e-mail nobody@example.org."));

        await cut.InvokeAsync(() => cut.Find("[data-testid=share-panel] input").Change("c@example.org"));
        await cut.InvokeAsync(() => cut.Find(".share-form").Submit());
        cut.WaitForAssertion(() => cut.Find(".share-list").TextContent.Should().Contain("c@example.org"));
        cut.FindAll("button").Should().Contain(b => b.TextContent.Contains("Shared with 1"));

        await cut.InvokeAsync(() => cut.Find("[aria-label='Remove c@example.org']").Click());
        cut.WaitForAssertion(() => cut.FindAll(".share-list").Should().BeEmpty());
        (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).CoFacilitators.Should().BeEmpty();
    }

    [Fact]
    public async Task Renaming_ShowsTheWholeTitle_PutsARefusalBesideTheField_AndEscCancels()
    {
        var (session, _) = await Core.LiveSessionAsync(1, new string('T', 120));
        var cut = RenderConsole(session.Id);

        await cut.InvokeAsync(() => cut.Find("[aria-label='Rename session']").Click());
        cut.Find(".rename-form input").GetAttribute("value").Should().Be(new string('T', 120));
        await cut.InvokeAsync(() => cut.Find(".rename-form input").Change("   "));
        await cut.InvokeAsync(() => cut.Find(".rename-form").Submit());
        cut.WaitForAssertion(() => cut.Find(".rename-form .mud-input-helper-text").TextContent.Should().Contain("Title is required."));

        await cut.InvokeAsync(() => cut.Find(".rename-form").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Escape" }));
        cut.FindAll(".rename-form").Should().BeEmpty();
        cut.Find("h1").TextContent.Should().Be(new string('T', 120));
    }

    [Fact]
    public void TheShortcutHelp_AndTheUserGuide_SayTheSameOfTheClickersNextStep()
    {
        var guide = File.ReadAllText(Path.Combine(Repo.Root, "docs", "user-guide.md"));
        var help = SnogMarryAvoid.Web.Components.Pages.Facilitate.ShortcutHelp.For(new SnogMarryAvoid.Web.Languages.Languages(), Countdown.Rules).Single(r => r.Keys.StartsWith("Page Down", StringComparison.Ordinal)).Action;

        guide.Should().Contain($"| Page Down, → | {char.ToLowerInvariant(help[0])}{help[1..]} |");
        help.Should().Contain("show the next scenario", "the clicker shows a scenario before it opens voting");
    }

    [Fact]
    public async Task TheShortcutHelp_NamesTheCountdownPresets_CoreOffers()
    {
        var (session, _) = await Core.LiveSessionAsync(1);
        var cut = RenderConsole(session.Id);

        await cut.InvokeAsync(() => cut.Instance.OnShortcut("?"));

        cut.Find("[role=dialog]").TextContent.Should().Contain(
            "Countdown for the next opening: none, " + string.Join(", ", Countdown.Rules.PresetSeconds.Select(Countdown.Describe)));
    }

    [Fact]
    public async Task AnEndedSession_ShowsItsDeckWithoutControls()
    {
        var (session, _) = await Core.LiveSessionAsync(2);
        await Core.Sessions.EndAsync(session.Id, TestCore.Owner);

        var cut = RenderConsole(session.Id);

        cut.FindAll(".deck-item").Should().HaveCount(2);
        cut.FindAll(".deck-actions button").Should().BeEmpty();
        cut.FindAll("[data-testid=next-step]").Should().BeEmpty();
        cut.Markup.Should().NotContain("Add a scenario");
    }

    [Fact]
    public async Task OnAServerPhonesCannotReach_TheConsoleWarns_AndSaysWhatToDo()
    {
        var (session, _) = await Core.LiveSessionAsync(1);

        var cut = RenderConsole(session.Id);

        cut.Find("[data-testid=unreachable]").TextContent.Should().Contain("Phones in the room cannot open localhost/join").And.Contain("Run it in a room");
    }

    [Fact]
    public async Task AnotherFacilitatorsSession_ShowsOnlyARefusal()
    {
        var (session, _) = await Core.LiveSessionAsync(1);
        SignIn(TestCore.OtherFacilitator);

        var cut = Render<Console>(p => p.Add(c => c.SessionId, session.Id));

        cut.Find(".mud-alert").TextContent.Should().Contain("This session belongs to another facilitator.");
        cut.FindAll(".deck-item").Should().BeEmpty();
    }
}
