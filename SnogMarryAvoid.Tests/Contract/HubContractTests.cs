using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Hubs;

namespace SnogMarryAvoid.Tests.Contract;

/// <summary>One app for the whole class: every hub method for every role, and every documented error.</summary>
public sealed class HubContractFixture : IAsyncLifetime
{
    public AppFactory App { get; } = new();
    public Actor FacilitatorA { get; private set; } = default!;
    public CookieContainer CookiesA { get; private set; } = default!;
    public CookieContainer CookiesB { get; private set; } = default!;
    public CookieContainer CookiesOrganiser { get; private set; } = default!;
    public CookieContainer CookiesC { get; private set; } = default!;
    public CookieContainer CookiesD { get; private set; } = default!;
    public Actor FacilitatorD { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        FacilitatorA = await App.CreateFacilitatorAsync("a@example.org");
        await App.CreateFacilitatorAsync("b@example.org");
        CookiesA = await App.SignInCookiesAsync("a@example.org", AppFactory.FacilitatorPassword);
        CookiesB = await App.SignInCookiesAsync("b@example.org", AppFactory.FacilitatorPassword);
        CookiesOrganiser = await App.SignInCookiesAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await App.CreateFacilitatorAsync("c@example.org");
        FacilitatorD = await App.CreateFacilitatorAsync("d@example.org");
        CookiesC = await App.SignInCookiesAsync("c@example.org", AppFactory.FacilitatorPassword);
        CookiesD = await App.SignInCookiesAsync("d@example.org", AppFactory.FacilitatorPassword);
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

public sealed class HubContractTests(HubContractFixture fixture) : IClassFixture<HubContractFixture>
{
    private static readonly string DocsPath = Path.Combine(Repo.Root, "docs", "realtime-api.md");

    private AppFactory App => fixture.App;

    private async Task<HubConnection> ConnectAsync(string role)
    {
        var cookies = role switch
        {
            "facilitator A" => fixture.CookiesA,
            "facilitator B" => fixture.CookiesB,
            "organiser" => fixture.CookiesOrganiser,
            "co-facilitator C" => fixture.CookiesC,
            "removed co-facilitator D" => fixture.CookiesD,
            _ => null,
        };
        var connection = App.HubClient(cookies);
        await connection.StartAsync();
        return connection;
    }

    private static async Task<string> OutcomeAsync(Func<Task> call)
    {
        try
        {
            await call();
            return "ok";
        }
        catch (HubException ex)
        {
            return Regex.Match(ex.Message, @"HubException: (\w+):").Groups[1].Value is { Length: > 0 } code ? code : ex.Message;
        }
    }

    public static TheoryData<string, string, string> Matrix()
    {
        var data = new TheoryData<string, string, string>();
        string[] roles = ["anonymous", "participant", "facilitator A", "facilitator B", "co-facilitator C", "removed co-facilitator D", "organiser"];
        foreach (var role in roles)
        {
            var signedIn = role is "facilitator A" or "facilitator B" or "co-facilitator C" or "removed co-facilitator D" or "organiser";
            var runs = role is "facilitator A" or "co-facilitator C" or "organiser";
            data.Add(role, "Join", "ok");
            foreach (var method in new[] { "Vote", "SetReason", "SetCamp", "GetResults", "GetMyVotes", "FollowResults" })
            {
                data.Add(role, method, role == "participant" ? "ok" : "NotJoined");
            }

            // The recap waits for the end: the session is live, so a participant hears why.
            data.Add(role, "GetMyRecap", role == "participant" ? "InvalidTransition" : "NotJoined");

            data.Add(role, "CreateSession", signedIn ? "ok" : "SignInRequired");
            foreach (var method in new[] { "Watch", "Open", "Close", "Reveal", "Next", "Previous", "SetResultsLive", "End" })
            {
                data.Add(role, method, !signedIn ? "SignInRequired" : runs ? "ok" : "Forbidden");
            }

            // Start on a session that is already live: the rule answers only someone allowed to run it.
            data.Add(role, "Start", !signedIn ? "SignInRequired" : runs ? "InvalidTransition" : "Forbidden");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EveryMethod_ForEveryRole(string role, string method, string expected)
    {
        // Facilitator A's live, results-live session with two scenarios, the first open; shared with C, and with D until A took it back.
        var (session, scenarios) = await App.Core.LiveSessionAsync(2, owner: fixture.FacilitatorA);
        await App.Core.Sessions.ShareAsync(session.Id, fixture.FacilitatorA, "c@example.org");
        await App.Core.Sessions.ShareAsync(session.Id, fixture.FacilitatorA, "d@example.org");
        await App.Core.Sessions.UnshareAsync(session.Id, fixture.FacilitatorA, fixture.FacilitatorD.UserId);
        await App.Core.Sessions.SetResultsLiveAsync(session.Id, fixture.FacilitatorA, live: true);
        await App.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, fixture.FacilitatorA);
        await Camps.SetAsync(session.Id, fixture.FacilitatorA, SnogMarryAvoid.Core.Camps.CampSettings.Off with { Ask = true });
        await using var connection = await ConnectAsync(role);
        if (role == "participant" && method != "Join")
        {
            await connection.InvokeAsync<JoinReply>("Join", session.JoinCode, null);
            if (method == "SetReason")
            {
                await connection.InvokeAsync<VoteReceipt>("Vote", scenarios[0].Id, Choice.Snog);
            }
        }

        var (id, first, second) = (session.Id, scenarios[0].Id, scenarios[1].Id);
        Func<Task> call = method switch
        {
            "Join" => () => connection.InvokeAsync<JoinReply>("Join", session.JoinCode, null),
            "Vote" => () => connection.InvokeAsync<VoteReceipt>("Vote", first, Choice.Marry),
            "SetReason" => () => connection.InvokeAsync<VoteReceipt>("SetReason", first, "Because."),
            "SetCamp" => () => connection.InvokeAsync<int?>("SetCamp", 1),
            "GetResults" => () => connection.InvokeAsync<ScenarioResults>("GetResults", first),
            "GetMyVotes" => () => connection.InvokeAsync<IReadOnlyList<VoteReceipt>>("GetMyVotes"),
            "FollowResults" => () => connection.InvokeAsync<ResultsReply>("FollowResults"),
            "GetMyRecap" => () => connection.InvokeAsync<ParticipantRecap>("GetMyRecap"),
            "CreateSession" => () => connection.InvokeAsync<RoomView>("CreateSession", "From the hub", false),
            "Watch" => () => connection.InvokeAsync<WatchReply>("Watch", id),
            "Start" => () => connection.InvokeAsync<RoomView>("Start", id),
            "Open" => () => connection.InvokeAsync<RoomView>("Open", id, second, 30),
            "Close" => () => connection.InvokeAsync<RoomView>("Close", id, first),
            "Reveal" => () => connection.InvokeAsync<RoomView>("Reveal", id, first),
            "Next" => () => connection.InvokeAsync<RoomView>("Next", id),
            "Previous" => () => connection.InvokeAsync<RoomView>("Previous", id),
            "SetResultsLive" => () => connection.InvokeAsync<RoomView>("SetResultsLive", id, false),
            "End" => () => connection.InvokeAsync<RoomView>("End", id),
            _ => throw new ArgumentOutOfRangeException(nameof(method)),
        };

        var before = await App.Core.Sessions.GetRoomViewAsync(id, Actor.System);
        (await OutcomeAsync(call)).Should().Be(expected);
        if (expected != "ok" && method is not ("Vote" or "SetReason"))
        {
            (await App.Core.Sessions.GetRoomViewAsync(id, Actor.System)).Revision.Should().Be(before.Revision, "a refused call changes nothing");
        }
    }

    [Fact]
    public async Task Facilitator_RunsASessionThroughTheHub_AndWatchesItsTally_BeforeTheReveal()
    {
        await using var facilitator = await ConnectAsync("facilitator A");
        var tallies = new List<(ScenarioResults Results, long Sequence)>();
        var ended = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        facilitator.On<ScenarioResults, long>("ResultsChanged", (r, s) => { lock (tallies) { tallies.Add((r, s)); } });
        facilitator.On<Guid>("SessionEnded", id => ended.TrySetResult(id));

        var created = await facilitator.InvokeAsync<RoomView>("CreateSession", "Hub-run room", true);
        created.Phase.Should().Be(SnogMarryAvoid.Core.Sessions.SessionPhase.Live);
        created.ScenarioCount.Should().Be(BuiltInDeckSize);
        var watched = await facilitator.InvokeAsync<WatchReply>("Watch", created.SessionId);
        (await facilitator.InvokeAsync<RoomView>("Next", created.SessionId)).Current!.State.Should().Be(SnogMarryAvoid.Core.Scenarios.ScenarioState.Pending, "Next shows a scenario first");
        var opened = await facilitator.InvokeAsync<RoomView>("Next", created.SessionId);
        opened.Current!.State.Should().Be(SnogMarryAvoid.Core.Scenarios.ScenarioState.Open);

        await using var phone = await ConnectAsync("anonymous");
        await phone.InvokeAsync<JoinReply>("Join", created.JoinCode, null);
        var receipt = await phone.InvokeAsync<VoteReceipt>("Vote", opened.Current.Id, Choice.Avoid);

        await WaitForAsync(() => { lock (tallies) { return tallies.Any(t => t.Sequence >= receipt.Sequence && t.Results.Avoid == 1); } });
        (await facilitator.InvokeAsync<RoomView>("Next", created.SessionId)).Current!.State.Should().Be(SnogMarryAvoid.Core.Scenarios.ScenarioState.Closed);
        (await facilitator.InvokeAsync<RoomView>("Next", created.SessionId)).RevealedResults!.Avoid.Should().Be(1);
        (await facilitator.InvokeAsync<RoomView>("End", created.SessionId)).IsEnded.Should().BeTrue();
        (await ended.Task.WaitAsync(TimeSpan.FromSeconds(10))).Should().Be(created.SessionId);
        watched.Snapshot.SessionId.Should().Be(created.SessionId);
    }

    private SnogMarryAvoid.Core.Camps.CampService Camps => App.Core.Services.GetRequiredService<SnogMarryAvoid.Core.Camps.CampService>();

    [Fact]
    public async Task Camps_ThroughTheHub_PhonesAnswer_WatchersGetTheSplit_UnderTheThreePersonRule_AndPhonesGetNone()
    {
        var (session, scenarios) = await App.Core.LiveSessionAsync(1, owner: fixture.FacilitatorA);
        await Camps.SetAsync(session.Id, fixture.FacilitatorA, SnogMarryAvoid.Core.Camps.CampSettings.Off with { Ask = true });
        await App.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, fixture.FacilitatorA);
        await using var facilitator = await ConnectAsync("facilitator A");
        var splits = new List<(SnogMarryAvoid.Core.Camps.CampSplitView Split, long Sequence)>();
        facilitator.On<SnogMarryAvoid.Core.Camps.CampSplitView, long>("SplitChanged", (split, sequence) => { lock (splits) { splits.Add((split, sequence)); } });
        (await facilitator.InvokeAsync<WatchReply>("Watch", session.Id)).Split.Should().NotBeNull("the session asks camps");

        var phones = new List<HubConnection>();
        var phoneSplits = 0;
        try
        {
            long last = 0;
            for (var i = 0; i < 9; i++)
            {
                var phone = await ConnectAsync("anonymous");
                phones.Add(phone);
                phone.On<SnogMarryAvoid.Core.Camps.CampSplitView, long>("SplitChanged", (_, _) => Interlocked.Increment(ref phoneSplits));
                var joined = await phone.InvokeAsync<JoinReply>("Join", session.JoinCode, null);
                joined.Snapshot.Camps.Should().Equal(SnogMarryAvoid.Core.Camps.CampRules.Defaults.Select(c => c.Name));
                joined.Camp.Should().BeNull();
                if (i < 7)
                {
                    // Three public bodies, three online, one charity; the last two give no camp.
                    (await phone.InvokeAsync<int?>("SetCamp", i < 3 ? 0 : i < 6 ? 2 : 1)).Should().Be(i < 3 ? 0 : i < 6 ? 2 : 1);
                }

                last = (await phone.InvokeAsync<VoteReceipt>("Vote", scenarios[0].Id, i < 3 ? Choice.Marry : Choice.Avoid)).Sequence;
            }

            var unknown = () => phones[0].InvokeAsync<int?>("SetCamp", 9);
            (await unknown.Should().ThrowAsync<HubException>()).Which.Message.Should().EndWith("InvalidInput: There is no camp 10 in this session: choose one of its 4 camps, or skip.");

            await WaitForAsync(() => { lock (splits) { return splits.Any(s => s.Sequence >= last && s.Split.Camps.Sum(c => c.Results?.Total ?? 0) == 6); } });
            SnogMarryAvoid.Core.Camps.CampSplitView latest;
            lock (splits)
            {
                latest = splits.Last(s => s.Sequence >= last).Split;
            }

            latest.Camps.Select(c => c.Results is null).Should().Equal(false, true, false, true);
            latest.Others.Should().Be(3);
            latest.WidestGap!.Text.Should().Be("Public bodies: marry 100 % · Online: avoid 100 %");
            phoneSplits.Should().Be(0, "the split by camp goes to watchers only");
        }
        finally
        {
            foreach (var phone in phones)
            {
                await phone.DisposeAsync();
            }
        }
    }

    private static int BuiltInDeckSize => SnogMarryAvoid.Core.Decks.BuiltInDeck.Entries.Count;

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the event should arrive within 10 s");
            await Task.Delay(25);
        }
    }

    public static TheoryData<string, string> Errors() => new()
    {
        { "unknown code", "UnknownJoinCode: No session has the code" },
        { "malformed code", "UnknownJoinCode: That doesn't look like a join code" },
        { "ended session", "SessionEnded: The session" },
        { "closed scenario", "VotingClosed: Voting on this scenario is closed." },
        { "pending scenario", "VotingClosed: Voting on this scenario has not opened yet." },
        { "another session's scenario", "ScenarioNotInSession: That scenario belongs to another session." },
        { "unknown scenario", "NotFound: That scenario does not exist." },
        { "choice out of range", "InvalidInput: Choose snog, marry or avoid." },
        { "reason too long", "InvalidInput: Your reason is 281 characters; the limit is 280." },
        { "reason before a vote", "InvalidInput: Choose snog, marry or avoid before adding a reason." },
        { "results before the reveal", "ResultsHidden: The results are shown when the facilitator reveals them." },
        { "vote before joining", "NotJoined: join a session with its code first." },
        { "facilitator call while signed out", "SignInRequired: sign in as a facilitator or organiser to run a session." },
        { "another facilitator's session", "Forbidden:" },
        { "countdown out of range", "InvalidInput: A countdown is 5 to 600 seconds." },
        { "closing a scenario that is not open", "InvalidTransition: Voting on this scenario is not open." },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task EveryDocumentedError_IsWhatTheHubSays(string situation, string expected)
    {
        var (session, scenarios) = await App.Core.LiveSessionAsync(2, owner: fixture.FacilitatorA);
        var (other, otherScenarios) = await App.Core.LiveSessionAsync(1, owner: fixture.FacilitatorA);
        await App.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, fixture.FacilitatorA);
        await App.Core.Scenarios.OpenAsync(other.Id, otherScenarios[0].Id, fixture.FacilitatorA);
        await using var phone = await ConnectAsync("anonymous");
        await using var facilitatorB = await ConnectAsync("facilitator B");
        await using var facilitatorA = await ConnectAsync("facilitator A");
        Task Join() => phone.InvokeAsync<JoinReply>("Join", session.JoinCode, null);

        Func<Task> call = situation switch
        {
            "unknown code" => () => phone.InvokeAsync<JoinReply>("Join", "KX7PM", null),
            "malformed code" => () => phone.InvokeAsync<JoinReply>("Join", "<script>", null),
            "ended session" => Steps(() => App.Core.Sessions.EndAsync(other.Id, Actor.System), () => phone.InvokeAsync<JoinReply>("Join", other.JoinCode, null)),
            "closed scenario" => Steps(Join, () => App.Core.Scenarios.CloseAsync(session.Id, scenarios[0].Id, Actor.System), () => phone.InvokeAsync<VoteReceipt>("Vote", scenarios[0].Id, Choice.Snog)),
            "pending scenario" => Steps(Join, () => phone.InvokeAsync<VoteReceipt>("Vote", scenarios[1].Id, Choice.Snog)),
            "another session's scenario" => Steps(Join, () => phone.InvokeAsync<VoteReceipt>("Vote", otherScenarios[0].Id, Choice.Snog)),
            "unknown scenario" => Steps(Join, () => phone.InvokeAsync<VoteReceipt>("Vote", Guid.NewGuid(), Choice.Snog)),
            "choice out of range" => Steps(Join, () => phone.InvokeAsync<VoteReceipt>("Vote", scenarios[0].Id, 7)),
            "reason too long" => Steps(Join, () => phone.InvokeAsync<VoteReceipt>("Vote", scenarios[0].Id, Choice.Snog), () => phone.InvokeAsync<VoteReceipt>("SetReason", scenarios[0].Id, new string('x', 281))),
            "reason before a vote" => Steps(Join, () => phone.InvokeAsync<VoteReceipt>("SetReason", scenarios[0].Id, "why")),
            "results before the reveal" => Steps(Join, () => phone.InvokeAsync<ScenarioResults>("GetResults", scenarios[0].Id)),
            "vote before joining" => () => phone.InvokeAsync<VoteReceipt>("Vote", scenarios[0].Id, Choice.Snog),
            "facilitator call while signed out" => () => phone.InvokeAsync<RoomView>("Next", session.Id),
            "another facilitator's session" => () => facilitatorB.InvokeAsync<RoomView>("End", session.Id),
            "countdown out of range" => () => facilitatorA.InvokeAsync<RoomView>("Open", session.Id, scenarios[1].Id, 3),
            "closing a scenario that is not open" => () => facilitatorA.InvokeAsync<RoomView>("Close", session.Id, scenarios[1].Id),
            _ => throw new ArgumentOutOfRangeException(nameof(situation)),
        };

        var error = (await call.Should().ThrowAsync<HubException>()).Which.Message;
        error.Should().Contain(expected);
        var code = expected[..expected.IndexOf(':', StringComparison.Ordinal)];
        (await File.ReadAllTextAsync(DocsPath)).Should().Contain($"| `{code}` |", "every error is in the errors table of docs/realtime-api.md");
    }

    [Theory]
    [InlineData("Start")]
    [InlineData("Open")]
    [InlineData("Close")]
    [InlineData("Reveal")]
    [InlineData("Next")]
    [InlineData("Previous")]
    [InlineData("SetResultsLive")]
    [InlineData("End")]
    public async Task AfterEnd_EveryFacilitatorMethod_IsRefusedWithSessionEnded_AndNothingChanges(string method)
    {
        var (session, scenarios) = await App.Core.LiveSessionAsync(2, owner: fixture.FacilitatorA);
        await App.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, fixture.FacilitatorA);
        await App.Core.Scenarios.CloseAsync(session.Id, scenarios[0].Id, fixture.FacilitatorA);
        await App.Core.Sessions.EndAsync(session.Id, fixture.FacilitatorA);
        await using var facilitator = await ConnectAsync("facilitator A");
        var (id, first) = (session.Id, scenarios[0].Id);
        Func<Task> call = method switch
        {
            "Start" => () => facilitator.InvokeAsync<RoomView>("Start", id),
            "Open" => () => facilitator.InvokeAsync<RoomView>("Open", id, first, null),
            "Close" => () => facilitator.InvokeAsync<RoomView>("Close", id, first),
            "Reveal" => () => facilitator.InvokeAsync<RoomView>("Reveal", id, first),
            "Next" => () => facilitator.InvokeAsync<RoomView>("Next", id),
            "Previous" => () => facilitator.InvokeAsync<RoomView>("Previous", id),
            "SetResultsLive" => () => facilitator.InvokeAsync<RoomView>("SetResultsLive", id, true),
            _ => () => facilitator.InvokeAsync<RoomView>("End", id),
        };
        var before = await App.Core.Sessions.GetAsync(id, Actor.System);

        (await call.Should().ThrowAsync<HubException>()).Which.Message.Should().EndWith("HubException: SessionEnded: The session has ended.");
        (await App.Core.Sessions.GetAsync(id, Actor.System)).Should().BeEquivalentTo(before, "nothing changed, the revision included");
    }

    /// <summary>One call after another, as one step of a test.</summary>
    private static Func<Task> Steps(params Func<Task>[] steps) => async () =>
    {
        foreach (var step in steps)
        {
            await step();
        }
    };

    [Fact]
    public void EveryHubMethod_IsDocumented()
    {
        var docs = File.ReadAllText(DocsPath);
        var methods = typeof(SessionHub).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
            .Where(m => m.GetBaseDefinition().DeclaringType == typeof(SessionHub))
            .Select(m => m.Name).Distinct().ToList();

        methods.Should().HaveCount(18);
        methods.Should().OnlyContain(name => docs.Contains($"| `{name}` |"), "each hub method has a row in docs/realtime-api.md");
        var events = typeof(SnogMarryAvoid.Core.Contract.ISessionClient).GetMethods().Select(m => m.Name).ToList();
        events.Should().Contain(["SessionChanged", "ResultsChanged", "ParticipantsChanged", "SessionEnded", "ServerStopping"]);
        events.Should().OnlyContain(name => docs.Contains($"| `{name}` |"), "each event the hub sends has a row in docs/realtime-api.md");
    }

    [Fact]
    public async Task TheRoomsView_AsSentOverTheWire_IsTheOneTheDocsDescribe_TranslationsAndLanguagesIncluded()
    {
        var session = await App.Core.Sessions.CreateAsync("Gweithdy", Actor.System);
        await App.Core.Decks.AddBuiltInAsync(session.Id, Actor.System);
        await App.Core.Sessions.SetRoomLanguagesAsync(session.Id, Actor.System, ["cy", "en"], ["en", "cy"]);
        await App.Core.Sessions.StartAsync(session.Id, Actor.System);
        await App.Core.Scenarios.StepForwardAsync(session.Id, Actor.System);
        var room = await App.Core.Sessions.GetRoomViewAsync(session.Id, Actor.System);

        // The hub's JSON is System.Text.Json's web defaults: camelCase names, what the docs list.
        var json = System.Text.Json.JsonSerializer.SerializeToElement(room, System.Text.Json.JsonSerializerOptions.Web);
        var row = File.ReadAllLines(DocsPath).Single(l => l.StartsWith("| `SessionChanged` |", StringComparison.Ordinal));
        var roomFields = json.EnumerateObject().Select(p => p.Name).ToList();
        var scenarioFields = json.GetProperty("current").EnumerateObject().Select(p => p.Name).ToList();
        row.Should().Contain($"RoomView {{ {string.Join(", ", roomFields)} }}", "docs/realtime-api.md lists every field of the room's view");
        row.Should().Contain($"ScenarioView {{ {string.Join(", ", scenarioFields)} }}", "and of a scenario");
        json.GetProperty("languages").EnumerateArray().Select(l => l.GetString()).Should().Equal("cy", "en");
        json.GetProperty("current").GetProperty("translations").GetProperty("cy").GetProperty("publicBody").GetString().Should().Be("Ymddiriedolaeth iechyd meddwl y GIG");
    }

    [Fact]
    public void TheClientExample_InTheDocs_IsTheOneTheTestsCompile()
    {
        var source = File.ReadAllText(Path.Combine(Repo.Root, "SnogMarryAvoid.Tests", "Contract", "ClientExample.cs"));
        var example = Regex.Match(source, @"// example:start\r?\n(.*?)\s*// example:end", RegexOptions.Singleline).Groups[1].Value;
        var unindented = string.Join('\n', example.Split('\n').Select(l => l.TrimEnd('\r')).Select(l => l.StartsWith("    ", StringComparison.Ordinal) ? l[4..] : l));

        example.Should().NotBeEmpty();
        File.ReadAllText(DocsPath).Replace("\r\n", "\n", StringComparison.Ordinal).Should().Contain(unindented.Trim());
    }
}
