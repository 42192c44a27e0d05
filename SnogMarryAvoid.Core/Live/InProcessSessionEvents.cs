using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace SnogMarryAvoid.Core.Live;

/// <summary>The default engine: subscribers live in this process; fan-out is concurrent.</summary>
public sealed class InProcessSessionEvents(ILogger<InProcessSessionEvents> logger) : ISessionEvents
{
    // Subscribers to every session are kept under this key; no session has the empty id.
    private static readonly Guid All = Guid.Empty;
    private readonly ConcurrentDictionary<Guid, ImmutableArray<Subscription>> _topics = new();

    public async Task PublishAsync(SessionEvent sessionEvent)
    {
        var subscribers = _topics.GetValueOrDefault(sessionEvent.SessionId, []);
        var everything = _topics.GetValueOrDefault(All, []);
        if (subscribers.IsDefaultOrEmpty && everything.IsDefaultOrEmpty)
        {
            return;
        }

        await Task.WhenAll(subscribers.Concat(everything).Select(s => DeliverAsync(s, sessionEvent)));
    }

    public IDisposable SubscribeAll(Func<SessionEvent, Task> handler) => Subscribe(All, handler);

    public IDisposable Subscribe(Guid sessionId, Func<SessionEvent, Task> handler)
    {
        var subscription = new Subscription(this, sessionId, handler);
        _topics.AddOrUpdate(sessionId, _ => [subscription], (_, list) => list.Add(subscription));
        return subscription;
    }

    internal int SubscriberCount(Guid sessionId) => _topics.TryGetValue(sessionId, out var list) ? list.Length : 0;

    private async Task DeliverAsync(Subscription subscription, SessionEvent sessionEvent)
    {
        try
        {
            await subscription.Handler(sessionEvent);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A subscriber of session {SessionId} failed on {Event}", sessionEvent.SessionId, sessionEvent.GetType().Name);
        }
    }

    private void Remove(Subscription subscription)
    {
        while (_topics.TryGetValue(subscription.SessionId, out var list))
        {
            var updated = list.Remove(subscription);
            if (updated.IsEmpty
                ? _topics.TryRemove(new KeyValuePair<Guid, ImmutableArray<Subscription>>(subscription.SessionId, list))
                : _topics.TryUpdate(subscription.SessionId, updated, list))
            {
                return;
            }
        }
    }

    private sealed class Subscription(InProcessSessionEvents owner, Guid sessionId, Func<SessionEvent, Task> handler) : IDisposable
    {
        private int _disposed;

        public Guid SessionId { get; } = sessionId;
        public Func<SessionEvent, Task> Handler { get; } = handler;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(this);
            }
        }
    }
}
