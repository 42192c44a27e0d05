using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using SnogMarryAvoid.Core.Live;

namespace SnogMarryAvoid.Web.Hubs;

/// <summary>
/// Forwards a session's events to the hub group of that session: one subscription per session, however
/// many connections joined it, so the cost of an event does not grow with the number of subscribers here.
/// </summary>
public sealed class HubEventBridge(ISessionEvents events, IHubContext<SessionHub> hub) : IDisposable
{
    private readonly ConcurrentDictionary<Guid, IDisposable> _forwarding = new();

    public static string Group(Guid sessionId) => $"session:{sessionId:N}";

    public void EnsureForwarding(Guid sessionId)
    {
        if (_forwarding.ContainsKey(sessionId))
        {
            return;
        }

        var subscription = events.Subscribe(sessionId, ForwardAsync);
        if (!_forwarding.TryAdd(sessionId, subscription))
        {
            subscription.Dispose();
        }
    }

    private Task ForwardAsync(SessionEvent sessionEvent)
    {
        var group = hub.Clients.Group(Group(sessionEvent.SessionId));
        switch (sessionEvent)
        {
            case SessionChanged changed:
                if (changed.Snapshot.IsEnded && _forwarding.TryRemove(changed.SessionId, out var done))
                {
                    done.Dispose();
                }

                return group.SendAsync("SessionChanged", changed.Snapshot);
            case ResultsChanged results:
                return group.SendAsync("ResultsChanged", results.Results, results.Version);
            case ParticipantJoined joined:
                return group.SendAsync("ParticipantsChanged", joined.ParticipantCount);
            default:
                return Task.CompletedTask;
        }
    }

    public void Dispose()
    {
        foreach (var subscription in _forwarding.Values)
        {
            subscription.Dispose();
        }

        _forwarding.Clear();
    }
}
