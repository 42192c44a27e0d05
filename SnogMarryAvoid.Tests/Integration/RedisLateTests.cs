using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Contract;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Integration;

/// <summary>
/// A server started while Redis is away (not yet up, or too slow to answer on a busy machine) starts anyway and
/// serves its own rooms; once Redis is there it hears the other servers. It used to fail to start: its first
/// subscription threw "No connection is active" (seen as flaky scale-out tests on a loaded machine).
/// </summary>
public sealed class RedisLateTests
{
    [Fact]
    public async Task AServerStartedWithoutRedis_Starts_ServesItsRoom_AndHearsTheOtherServerOnceRedisComes()
    {
        await using var redis = RedisServer.NotStarted();
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = TestServices.PostgresConnectionString($"sma_late_{Guid.NewGuid():N}"),
            ["ConnectionStrings:Redis"] = redis.Configuration,
        };
        await using var early = new AppFactory(realPort: true, settings: settings);
        using var http = new HttpClient();
        (await http.GetStringAsync(new Uri(new Uri(early.BaseUrl), "/healthz"))).Should().Contain("Redis unreachable");

        // Its own room works meanwhile.
        var (session, scenarios) = await early.Core.LiveSessionAsync(1, owner: Actor.System);
        await early.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, Actor.System);
        var seen = new ConcurrentQueue<long>();
        var cookies = await AppFactory.SignInOverHttpAsync(early.BaseUrl, AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await using var watcher = AppFactory.HubClientOverHttp(early.BaseUrl, cookies);
        watcher.On<ScenarioResults, long>("ResultsChanged", (_, sequence) => seen.Enqueue(sequence));
        await watcher.StartAsync(TestContext.Current.CancellationToken);
        await watcher.InvokeAsync<WatchReply>("Watch", session.Id, TestContext.Current.CancellationToken);
        await using var phone = AppFactory.HubClientOverHttp(early.BaseUrl);
        await phone.StartAsync(TestContext.Current.CancellationToken);
        await phone.InvokeAsync<JoinReply>("Join", session.JoinCode, null, TestContext.Current.CancellationToken);
        await phone.InvokeAsync<VoteReceipt>("Vote", scenarios[0].Id, Choice.Snog, TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => seen.Contains(1));

        // Redis comes; a second server joins; a vote there reaches the first server's watcher.
        await redis.StartAsync();
        await WaitUntilAsync(() => http.GetStringAsync(new Uri(new Uri(early.BaseUrl), "/healthz")).GetAwaiter().GetResult() == "Healthy", 30);
        await using var late = new AppFactory(realPort: true, settings: settings);
        await using var other = AppFactory.HubClientOverHttp(late.BaseUrl);
        await other.StartAsync(TestContext.Current.CancellationToken);
        await other.InvokeAsync<JoinReply>("Join", session.JoinCode, null, TestContext.Current.CancellationToken);
        var receipt = await other.InvokeAsync<VoteReceipt>("Vote", scenarios[0].Id, Choice.Avoid, TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => seen.Contains(receipt.Sequence));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold within {0} s", seconds);
            await Task.Delay(50);
        }
    }
}
