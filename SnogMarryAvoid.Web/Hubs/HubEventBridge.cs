using Microsoft.AspNetCore.SignalR;
using SnogMarryAvoid.Core.Contract;
using SnogMarryAvoid.Core.Live;

namespace SnogMarryAvoid.Web.Hubs;

/// <summary>
/// Forwards every event this server hears (its own, and with Redis those of the other servers) to the
/// hub connections on this server. There is no SignalR backplane: each server delivers to its own
/// connections, so a Redis outage pauses only the news between servers, never a server's own room.
/// The room gets the room's view; tallies go to watchers, and to participants who follow results only
/// when <see cref="ResultsChanged.VisibleToRoom"/>, a rule Core decides (reveal-only sessions do not leak).
/// </summary>
public sealed class HubEventBridge(ISessionEvents events, IHubContext<SessionHub, ISessionClient> hub) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = events.SubscribeAll(ForwardAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private Task ForwardAsync(SessionEvent sessionEvent)
    {
        var id = sessionEvent.SessionId;
        var everyone = hub.Clients.Groups(HubGroups.Room(id), HubGroups.Watchers(id));
        return sessionEvent switch
        {
            SessionChanged { Room.IsEnded: true } ended => Task.WhenAll(everyone.SessionChanged(ended.Room), everyone.SessionEnded(id)),
            SessionChanged changed => everyone.SessionChanged(changed.Room),
            ResultsChanged results => Task.WhenAll(
                results.VisibleToRoom
                    ? hub.Clients.Groups(HubGroups.Watchers(id), HubGroups.Results(id)).ResultsChanged(results.Results, results.LastSequence)
                    : hub.Clients.Group(HubGroups.Watchers(id)).ResultsChanged(results.Results, results.LastSequence),
                // The split by camp is for watchers only, whatever the room may see.
                results.Split is { } split ? hub.Clients.Group(HubGroups.Watchers(id)).SplitChanged(split, results.LastSequence) : Task.CompletedTask),
            // Watchers only: sent to the room, every join would cost a message to everyone already there.
            ParticipantJoined joined => hub.Clients.Group(HubGroups.Watchers(id)).ParticipantsChanged(joined.ParticipantCount),
            _ => Task.CompletedTask,
        };
    }
}
