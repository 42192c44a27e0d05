using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Tests.Support;
using StackExchange.Redis;

namespace SnogMarryAvoid.Tests.Integration;

/// <summary>
/// A server whose Redis was away when it started listens once Redis comes, and again after Redis restarts, and
/// hears each event from another server exactly once. It used to subscribe a second time when the connection came
/// back: if that throw-prone call failed (a busy machine) the server never reported itself connected again (a CI
/// run failed on it), and if the first call had failed and the second worked, it heard every event twice.
/// </summary>
public sealed class RedisLateListenerTests : IAsyncDisposable
{
    private readonly List<IDisposable> _disposables = [];
    private readonly RedisServer _redis = RedisServer.NotStarted();

    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in Enumerable.Reverse(_disposables))
        {
            disposable.Dispose();
        }

        await _redis.DisposeAsync();
    }

    private RedisSessionEvents Server()
    {
        var connection = LiveSetup.ConnectRedis(_redis.Configuration);
        _disposables.Add(connection);
        var events = new RedisSessionEvents(connection, NullLoggerFactory.Instance, Options.Create(new RedisOptions { ConnectionString = _redis.Configuration }));
        _disposables.Add(events);
        return events;
    }

    [Fact]
    public async Task AServerStartedBeforeRedis_HearsEachEventOnce_OnceRedisComes_AndAfterItRestarts()
    {
        var early = Server();
        early.IsConnected.Should().BeFalse("Redis is not there yet");
        var session = Guid.NewGuid();
        var heard = new ConcurrentQueue<int>();
        _disposables.Add(early.Subscribe(session, e => { heard.Enqueue(((ParticipantJoined)e).ParticipantCount); return Task.CompletedTask; }));

        await _redis.StartAsync();
        await WaitUntilAsync(() => early.IsConnected, "the early server listens once Redis is there");
        var other = Server();
        await WaitUntilAsync(() => other.IsConnected, "the other server is connected");
        await HeardOnceAsync(other, session, heard, first: 1);

        await _redis.StopAsync();
        await WaitUntilAsync(() => !early.IsConnected, "a server notices Redis has gone");
        await _redis.StartAsync();
        await WaitUntilAsync(() => early.IsConnected && other.IsConnected, "both listen again once Redis is back");
        await HeardOnceAsync(other, session, heard, first: 1000);
    }

    /// <summary>
    /// Publishes numbered events from <paramref name="from"/> until one is heard (a publish made while its own link is
    /// still coming back is lost, as Redis pub/sub is), then checks that nothing was heard twice.
    /// </summary>
    private static async Task HeardOnceAsync(RedisSessionEvents from, Guid session, ConcurrentQueue<int> heard, int first)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        for (var n = first; !heard.Any(h => h >= first); n++)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "an event from the other server is heard");
            await from.PublishAsync(new ParticipantJoined(session, n));
            await Task.Delay(100);
        }

        await Task.Delay(500);
        heard.Should().OnlyHaveUniqueItems("each event is heard once, however the connection came");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string because)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, because);
            await Task.Delay(50);
        }
    }
}
