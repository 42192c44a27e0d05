using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Tests.Support;
using StackExchange.Redis;

namespace SnogMarryAvoid.Tests.Integration;

/// <summary>Two deployments sharing one Redis hear only their own events, when each has its own channel prefix.</summary>
public sealed class RedisChannelTests : IAsyncLifetime
{
    private RedisServer _redis = default!;
    private readonly List<IDisposable> _disposables = [];

    public async ValueTask InitializeAsync() => _redis = await RedisServer.StartNewAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }

        await _redis.DisposeAsync();
    }

    private async Task<RedisSessionEvents> ServerAsync(string prefix)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var events = new RedisSessionEvents(connection, NullLoggerFactory.Instance, Options.Create(new RedisOptions { ConnectionString = _redis.Configuration, ChannelPrefix = prefix }));
        _disposables.Add(events);
        _disposables.Add(connection);
        return events;
    }

    [Fact]
    public async Task ADeploymentHearsItsOwnServers_AndNotAnotherDeploymentOnTheSameRedis()
    {
        var councilA = await ServerAsync("council");
        var councilB = await ServerAsync("council");
        var trust = await ServerAsync("trust");
        var session = Guid.NewGuid();
        var (heardByCouncil, heardByTrust) = (new ConcurrentQueue<int>(), new ConcurrentQueue<int>());
        _disposables.Add(councilB.Subscribe(session, e => { heardByCouncil.Enqueue(((ParticipantJoined)e).ParticipantCount); return Task.CompletedTask; }));
        _disposables.Add(trust.Subscribe(session, e => { heardByTrust.Enqueue(((ParticipantJoined)e).ParticipantCount); return Task.CompletedTask; }));

        await councilA.PublishAsync(new ParticipantJoined(session, 7));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (heardByCouncil.IsEmpty)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the deployment's other server hears it");
            await Task.Delay(20);
        }

        await Task.Delay(500);
        heardByCouncil.Should().Equal(7);
        heardByTrust.Should().BeEmpty("another deployment's channel carries none of it");
    }

    [Theory]
    [InlineData("")]
    [InlineData("has spaces")]
    [InlineData("semi;colon")]
    public void AnUnusablePrefix_IsRefused_NamingTheKey(string prefix)
    {
        new RedisOptions { ChannelPrefix = prefix }.Problems().Should().ContainSingle()
            .Which.Should().StartWith("Redis:ChannelPrefix is not usable");
        new RedisOptions().Channel.Should().Be("snogmarryavoid:events", "the default is the app's name, as before");
    }
}
