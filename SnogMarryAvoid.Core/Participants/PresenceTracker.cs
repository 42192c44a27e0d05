using System.Collections.Concurrent;
using SnogMarryAvoid.Core.Live;

namespace SnogMarryAvoid.Core.Participants;

/// <summary>
/// How many participants have a session open right now on this server: each phone holds a lease while
/// its page is live. Changes are published as <see cref="PresenceChanged"/>.
/// </summary>
public sealed class PresenceTracker(ISessionEvents events)
{
    private readonly ConcurrentDictionary<Guid, int> _connected = new();

    public int Connected(Guid sessionId) => _connected.GetValueOrDefault(sessionId);

    /// <summary>Phones with a session open on this server, over all sessions.</summary>
    public int Total => _connected.Values.Sum();

    /// <summary>Counts one participant as connected until the returned lease is disposed.</summary>
    public IDisposable Connect(Guid sessionId)
    {
        Publish(sessionId, _connected.AddOrUpdate(sessionId, 1, (_, n) => n + 1));
        return new Lease(this, sessionId);
    }

    /// <summary>Publishes this server's count again (after other servers may have missed it).</summary>
    public void Republish(Guid sessionId) => Publish(sessionId, Connected(sessionId));

    private void Leave(Guid sessionId) => Publish(sessionId, _connected.AddOrUpdate(sessionId, 0, (_, n) => Math.Max(0, n - 1)));

    private void Publish(Guid sessionId, int count) => _ = events.PublishAsync(new PresenceChanged(sessionId, count));

    private sealed class Lease(PresenceTracker owner, Guid sessionId) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Leave(sessionId);
            }
        }
    }
}
