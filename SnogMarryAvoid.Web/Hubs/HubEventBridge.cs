using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Scenarios;

namespace SnogMarryAvoid.Web.Hubs;

/// <summary>
/// Forwards a session's events to the hub group of that session: one subscription per session, however
/// many connections joined it, so the cost of an event does not grow with the number of subscribers here.
/// Tallies go to participants only when the session shows results live: in reveal-only sessions the
/// room sees the split in the snapshot of the reveal, never before.
/// </summary>
public sealed class HubEventBridge(ISessionEvents events, IHubContext<SessionHub> hub) : IDisposable
{
    private readonly ConcurrentDictionary<Guid, IDisposable> _forwarding = new();
    private readonly ConcurrentDictionary<Guid, SessionSnapshot> _latest = new();

    public static string Group(Guid sessionId) => $"session:{sessionId:N}";

    public void EnsureForwarding(SessionSnapshot snapshot)
    {
        _latest.AddOrUpdate(snapshot.SessionId, snapshot, (_, known) => snapshot.IsNewerThan(known) ? snapshot : known);
        if (_forwarding.ContainsKey(snapshot.SessionId))
        {
            return;
        }

        var subscription = events.Subscribe(snapshot.SessionId, ForwardAsync);
        if (!_forwarding.TryAdd(snapshot.SessionId, subscription))
        {
            subscription.Dispose();
        }
    }

    private bool ResultsVisible(Guid sessionId, Guid scenarioId) =>
        _latest.TryGetValue(sessionId, out var s) && (s.ShowResultsLive || s.Current is { State: ScenarioState.Revealed } c && c.Id == scenarioId);

    private Task ForwardAsync(SessionEvent sessionEvent)
    {
        var group = hub.Clients.Group(Group(sessionEvent.SessionId));
        switch (sessionEvent)
        {
            case SessionChanged changed:
                _latest.AddOrUpdate(changed.SessionId, changed.Snapshot, (_, known) => changed.Snapshot.IsNewerThan(known) ? changed.Snapshot : known);
                if (changed.Snapshot.IsEnded && _forwarding.TryRemove(changed.SessionId, out var done))
                {
                    done.Dispose();
                    _latest.TryRemove(changed.SessionId, out _);
                }

                return group.SendAsync("SessionChanged", changed.Snapshot);
            case ResultsChanged results when ResultsVisible(results.SessionId, results.Results.ScenarioId):
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
