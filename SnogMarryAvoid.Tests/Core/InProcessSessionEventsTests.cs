using Microsoft.Extensions.Logging.Abstractions;
using SnogMarryAvoid.Core.Live;

namespace SnogMarryAvoid.Tests.Core;

public class InProcessSessionEventsTests
{
    private readonly InProcessSessionEvents _events = new(NullLogger<InProcessSessionEvents>.Instance);

    [Fact]
    public async Task Publish_ReachesEverySubscriberOfThatSessionOnly()
    {
        var session = Guid.NewGuid();
        var received = new List<string>();
        using var a = _events.Subscribe(session, _ => { received.Add("a"); return Task.CompletedTask; });
        using var b = _events.Subscribe(session, _ => { received.Add("b"); return Task.CompletedTask; });
        using var other = _events.Subscribe(Guid.NewGuid(), _ => { received.Add("other"); return Task.CompletedTask; });

        await _events.PublishAsync(new ParticipantJoined(session, 1));

        received.Should().BeEquivalentTo(["a", "b"]);
    }

    [Fact]
    public async Task Dispose_StopsDeliveryAndFreesTheTopic()
    {
        var session = Guid.NewGuid();
        var count = 0;
        var subscription = _events.Subscribe(session, _ => { count++; return Task.CompletedTask; });

        subscription.Dispose();
        subscription.Dispose();
        await _events.PublishAsync(new ParticipantJoined(session, 1));

        count.Should().Be(0);
        _events.SubscriberCount(session).Should().Be(0);
    }

    [Fact]
    public async Task Publish_WhenOneSubscriberFails_StillReachesTheOthers()
    {
        var session = Guid.NewGuid();
        var delivered = false;
        using var failing = _events.Subscribe(session, _ => throw new InvalidOperationException("boom"));
        using var healthy = _events.Subscribe(session, _ => { delivered = true; return Task.CompletedTask; });

        await _events.PublishAsync(new ParticipantJoined(session, 1));

        delivered.Should().BeTrue();
    }

    [Fact]
    public async Task Subscribe_FromManyThreadsAtOnce_LosesNoSubscriber()
    {
        var session = Guid.NewGuid();
        var count = 0;
        var subscriptions = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() =>
            _events.Subscribe(session, _ => { Interlocked.Increment(ref count); return Task.CompletedTask; }))));

        await _events.PublishAsync(new ParticipantJoined(session, 1));
        count.Should().Be(200);

        Parallel.ForEach(subscriptions, s => s.Dispose());
        _events.SubscriberCount(session).Should().Be(0);
    }
}
