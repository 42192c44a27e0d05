using Microsoft.AspNetCore.SignalR;
using SnogMarryAvoid.Core.Live;

namespace SnogMarryAvoid.Web.Hubs;

/// <summary>
/// Forwards every event this server hears (its own, and with Redis those of the other servers) to the
/// hub connections on this server: the room (participants, phone pages among them) and the
/// facilitators watching. There is no SignalR backplane: each server delivers to its own connections,
/// so a Redis outage pauses only the news between servers, never a server's own room. Tallies go to
/// the room only when <see cref="ResultsChanged.VisibleToRoom"/>, a rule Core decides (reveal-only
/// sessions do not leak).
/// </summary>
public sealed class HubEventBridge : IHostedService
{
    private readonly ISessionEvents _events;
    private readonly IHubContext<SessionHub> _hub;
    private IDisposable? _subscription;

    public HubEventBridge(ISessionEvents events, IHubContext<SessionHub> hub) => (_events, _hub) = (events, hub);

    public static string RoomGroup(Guid sessionId) => $"room:{sessionId:N}";

    public static string FacilitatorGroup(Guid sessionId) => $"facilitators:{sessionId:N}";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = _events.SubscribeAll(ForwardAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private Task ForwardAsync(SessionEvent sessionEvent)
    {
        var everyone = _hub.Clients.Groups(RoomGroup(sessionEvent.SessionId), FacilitatorGroup(sessionEvent.SessionId));
        return sessionEvent switch
        {
            SessionChanged { Snapshot.IsEnded: true } ended => Task.WhenAll(
                everyone.SendAsync("SessionChanged", ended.Snapshot),
                everyone.SendAsync("SessionEnded", ended.SessionId)),
            SessionChanged changed => everyone.SendAsync("SessionChanged", changed.Snapshot),
            ResultsChanged { VisibleToRoom: true } results => everyone.SendAsync("ResultsChanged", results.Results, results.LastSequence),
            ResultsChanged results => _hub.Clients.Group(FacilitatorGroup(results.SessionId)).SendAsync("ResultsChanged", results.Results, results.LastSequence),
            // Watchers only: sent to the room, every join would cost a message to everyone already there.
            ParticipantJoined joined => _hub.Clients.Group(FacilitatorGroup(joined.SessionId)).SendAsync("ParticipantsChanged", joined.ParticipantCount),
            _ => Task.CompletedTask,
        };
    }
}
