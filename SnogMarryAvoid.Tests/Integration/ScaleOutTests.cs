using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Hubs;

namespace SnogMarryAvoid.Tests.Integration;

/// <summary>
/// Two servers on two ports sharing one PostgreSQL database and one Redis, as behind a load balancer
/// with sticky sessions: what one server takes in, the other shows.
/// </summary>
public sealed class ScaleOutTests : IAsyncLifetime
{
    private TwoServers _servers = default!;

    public async ValueTask InitializeAsync() => _servers = await TwoServers.StartAsync(new()
    {
        ["Limits:HubCallsPerSecond"] = "1000",
        ["Limits:HubCallBurst"] = "1000",
    });

    public ValueTask DisposeAsync() => _servers.DisposeAsync();

    private async Task<HubConnection> WatcherAsync(AppFactory server, Guid sessionId, ConcurrentQueue<(ScenarioResults Results, long Sequence)> seen)
    {
        var cookies = await AppFactory.SignInOverHttpAsync(server.BaseUrl, AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        var watcher = AppFactory.HubClientOverHttp(server.BaseUrl, cookies);
        watcher.On<ScenarioResults, long>("ResultsChanged", (results, sequence) => seen.Enqueue((results, sequence)));
        await watcher.StartAsync();
        await watcher.InvokeAsync<WatchReply>("Watch", sessionId);
        return watcher;
    }

    private static async Task<HubConnection> PhoneAsync(AppFactory server, string code)
    {
        var phone = AppFactory.HubClientOverHttp(server.BaseUrl);
        await phone.StartAsync();
        await phone.InvokeAsync<JoinReply>("Join", code, null);
        return phone;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {seconds} s for {what}.");
            }

            await Task.Delay(50);
        }
    }

    private async Task<ScenarioResults> DatabaseTallyAsync(Guid sessionId, Guid scenarioId) =>
        (await _servers.A.Services.GetRequiredService<VotingService>().GetResultsWithSequenceAsync(sessionId, scenarioId)).Results;

    [Fact]
    public async Task VotesThroughA_AppearInBsResultsEvents_WithTheirSequence()
    {
        var (session, scenarios) = await _servers.A.Core.LiveSessionAsync(1, owner: Actor.System);
        await _servers.A.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, Actor.System);
        var onB = new ConcurrentQueue<(ScenarioResults Results, long Sequence)>();
        await using var watcher = await WatcherAsync(_servers.B, session.Id, onB);
        var phones = new List<HubConnection>();
        for (var i = 0; i < 5; i++)
        {
            phones.Add(await PhoneAsync(_servers.A, session.JoinCode));
        }

        var receipts = new List<VoteReceipt>();
        foreach (var (phone, choice) in phones.Zip(new[] { Choice.Snog, Choice.Snog, Choice.Marry, Choice.Avoid, Choice.Snog }))
        {
            receipts.Add(await phone.InvokeAsync<VoteReceipt>("Vote", scenarios[0].Id, choice));
        }

        receipts.Select(r => r.Sequence).Should().Equal(1, 2, 3, 4, 5);
        await WaitUntilAsync(() => onB.Any(e => e.Sequence >= 5), "server B to show sequence 5");
        var latest = onB.MaxBy(e => e.Sequence);
        latest.Results.Should().Be(new ScenarioResults(scenarios[0].Id, 3, 1, 1));
        latest.Results.Should().Be(await DatabaseTallyAsync(session.Id, scenarios[0].Id));
        onB.Where(e => e.Sequence >= receipts[2].Sequence).Should().OnlyContain(e => e.Results.Total >= 3,
            "an event that carries a vote's sequence includes that vote");

        foreach (var phone in phones)
        {
            await phone.DisposeAsync();
        }
    }

    [Fact]
    public async Task BehindTheDocumentedYarpConfiguration_ClientsSpreadOverBothServers_AndEveryVoteIsCounted()
    {
        await using var proxy = await YarpProxy.StartAsync(_servers.A.BaseUrl, _servers.B.BaseUrl);
        var (session, scenarios) = await _servers.A.Core.LiveSessionAsync(1, owner: Actor.System);
        await _servers.A.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, Actor.System);
        var seen = new ConcurrentQueue<(ScenarioResults Results, long Sequence)>();
        var watcherCookies = await AppFactory.SignInOverHttpAsync(proxy.BaseUrl, AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await using var watcher = AppFactory.HubClientOverHttp(proxy.BaseUrl, watcherCookies);
        watcher.On<ScenarioResults, long>("ResultsChanged", (results, sequence) => seen.Enqueue((results, sequence)));
        await watcher.StartAsync();
        await watcher.InvokeAsync<WatchReply>("Watch", session.Id);

        var affinity = new List<string>();
        var last = 0L;
        for (var i = 0; i < 6; i++)
        {
            var cookies = new CookieContainer();
            await using var phone = AppFactory.HubClientOverHttp(proxy.BaseUrl, cookies);
            await phone.StartAsync();
            await phone.InvokeAsync<JoinReply>("Join", session.JoinCode, null);
            last = (await phone.InvokeAsync<VoteReceipt>("Vote", scenarios[0].Id, i % 3 == 0 ? Choice.Avoid : Choice.Snog)).Sequence;
            affinity.Add(cookies.GetCookies(new Uri(proxy.BaseUrl))["sma.server"]?.Value ?? "none");
        }

        affinity.Distinct().Should().HaveCount(2, "round robin with a sticky cookie spreads new clients over both servers");
        await WaitUntilAsync(() => seen.Any(e => e.Sequence >= last), "the watcher to see the last vote");
        seen.MaxBy(e => e.Sequence).Results.Should().Be(await DatabaseTallyAsync(session.Id, scenarios[0].Id)).And.Be(new ScenarioResults(scenarios[0].Id, 4, 0, 2));
    }

    [Fact]
    public async Task FacilitatorOnB_OpensAScenario_AndAPhoneOnA_HearsIt()
    {
        var (session, scenarios) = await _servers.A.Core.LiveSessionAsync(2, owner: Actor.System);
        var changed = new TaskCompletionSource<RoomView>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var phone = AppFactory.HubClientOverHttp(_servers.A.BaseUrl);
        phone.On<RoomView>("SessionChanged", s =>
        {
            if (s.Current?.Id == scenarios[1].Id)
            {
                changed.TrySetResult(s);
            }
        });
        await phone.StartAsync();
        await phone.InvokeAsync<JoinReply>("Join", session.JoinCode, null);
        var cookies = await AppFactory.SignInOverHttpAsync(_servers.B.BaseUrl, AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await using var facilitator = AppFactory.HubClientOverHttp(_servers.B.BaseUrl, cookies);
        await facilitator.StartAsync();

        await facilitator.InvokeAsync<RoomView>("Open", session.Id, scenarios[1].Id, null);

        (await changed.Task.WaitAsync(TimeSpan.FromSeconds(20))).Current!.State.Should().Be(SnogMarryAvoid.Core.Scenarios.ScenarioState.Open);
    }

    [Fact]
    public async Task KeysAreShared_ATokenAndASignInFromA_WorkOnB()
    {
        var (session, _) = await _servers.A.Core.LiveSessionAsync(1, owner: Actor.System);
        await using var onA = AppFactory.HubClientOverHttp(_servers.A.BaseUrl);
        await onA.StartAsync();
        var first = await onA.InvokeAsync<JoinReply>("Join", session.JoinCode, null);
        await using var onB = AppFactory.HubClientOverHttp(_servers.B.BaseUrl);
        await onB.StartAsync();

        var again = await onB.InvokeAsync<JoinReply>("Join", session.JoinCode, first.ParticipantToken);

        again.Snapshot.ParticipantCount.Should().Be(1, "the token from A names the same participant on B");
        var cookies = await AppFactory.SignInOverHttpAsync(_servers.A.BaseUrl, AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });
        cookies.Add(new Uri(_servers.B.BaseUrl), cookies.GetCookies(new Uri(_servers.A.BaseUrl)));
        (await client.GetAsync(new Uri(new Uri(_servers.B.BaseUrl), "/facilitate"))).StatusCode.Should().Be(HttpStatusCode.OK, "A's sign-in cookie opens B's pages");
    }

    [Fact]
    public async Task RedisOutage_EachServerKeepsServing_HealthSaysDegraded_AndAfterwardsBothShowTheDatabase()
    {
        var (session, scenarios) = await _servers.A.Core.LiveSessionAsync(1, owner: Actor.System);
        var scenario = scenarios[0].Id;
        await _servers.A.Core.Scenarios.OpenAsync(session.Id, scenario, Actor.System);
        var onA = new ConcurrentQueue<ResultsChanged>();
        var onB = new ConcurrentQueue<ResultsChanged>();
        using var listenA = _servers.A.Services.GetRequiredService<ISessionEvents>().Subscribe(session.Id, e => { if (e is ResultsChanged r) { onA.Enqueue(r); } return Task.CompletedTask; });
        using var listenB = _servers.B.Services.GetRequiredService<ISessionEvents>().Subscribe(session.Id, e => { if (e is ResultsChanged r) { onB.Enqueue(r); } return Task.CompletedTask; });
        var phonesA = new List<HubConnection>();
        var phonesB = new List<HubConnection>();
        for (var i = 0; i < 6; i++)
        {
            phonesA.Add(await PhoneAsync(_servers.A, session.JoinCode));
            phonesB.Add(await PhoneAsync(_servers.B, session.JoinCode));
        }

        var acknowledged = new List<VoteReceipt>
        {
            await phonesA[0].InvokeAsync<VoteReceipt>("Vote", scenario, Choice.Snog),
            await phonesB[0].InvokeAsync<VoteReceipt>("Vote", scenario, Choice.Marry),
        };

        await _servers.Redis.StopAsync();
        using var health = new HttpClient();
        await WaitUntilAsync(() => health.GetStringAsync(new Uri(new Uri(_servers.A.BaseUrl), "/healthz")).GetAwaiter().GetResult().StartsWith("Degraded", StringComparison.Ordinal), "A's /healthz to say degraded");
        (await health.GetStringAsync(new Uri(new Uri(_servers.A.BaseUrl), "/healthz"))).Should().Contain("redis: Degraded: Redis unreachable");

        // During the outage both servers keep taking votes, and each shows its own at once.
        for (var i = 1; i < 6; i++)
        {
            acknowledged.Add(await phonesA[i].InvokeAsync<VoteReceipt>("Vote", scenario, Choice.Avoid));
            acknowledged.Add(await phonesB[i].InvokeAsync<VoteReceipt>("Vote", scenario, i % 2 == 0 ? Choice.Snog : Choice.Avoid));
        }

        acknowledged.Add(await phonesB[1].InvokeAsync<VoteReceipt>("Vote", scenario, Choice.Marry));
        var lastOnA = acknowledged.Where((_, i) => i % 2 == 0 && i < 12).Max(r => r.Sequence);
        await WaitUntilAsync(() => onA.Any(e => e.LastSequence >= lastOnA), "A to count its own votes during the outage");

        await _servers.Redis.StartAsync();
        await WaitUntilAsync(() => health.GetStringAsync(new Uri(new Uri(_servers.B.BaseUrl), "/healthz")).GetAwaiter().GetResult() == "Healthy", "B's /healthz to recover", 30);

        var database = await DatabaseTallyAsync(session.Id, scenario);
        database.Total.Should().Be(12, "every acknowledged vote is stored (one participant changed their mind)");
        await using (var ctx = await _servers.A.Services.GetRequiredService<DbWork>().ReadAsync())
        {
            var stored = ctx.Votes.Where(v => v.ScenarioId == scenario).Select(v => v.Sequence).ToHashSet();
            var lastReceiptOfEachPhone = acknowledged.Take(12).Select(r => r.Sequence).Except([acknowledged[3].Sequence]).Append(acknowledged[^1].Sequence);
            stored.Should().BeEquivalentTo(lastReceiptOfEachPhone, "each phone's last acknowledged vote is the one stored");
        }

        var finalSequence = acknowledged.Max(r => r.Sequence);
        await WaitUntilAsync(() => onA.LastOrDefault() is { } e && e.LastSequence >= finalSequence && e.Results == database, "A to show the database's tally after recovery", 30);
        await WaitUntilAsync(() => onB.LastOrDefault() is { } e && e.LastSequence >= finalSequence && e.Results == database, "B to show the database's tally after recovery", 30);

        foreach (var phone in phonesA.Concat(phonesB))
        {
            await phone.DisposeAsync();
        }
    }
}
