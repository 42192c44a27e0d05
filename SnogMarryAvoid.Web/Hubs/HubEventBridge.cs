using Microsoft.AspNetCore.SignalR;
using SnogMarryAvoid.Core.Live;

namespace SnogMarryAvoid.Web.Hubs;

/// <summary>
/// Forwards the events this server publishes to the hub's groups: the room (participants) and the
/// facilitators watching. Only events that originated here are forwarded: when SignalR's Redis
/// backplane is on, it carries each group message to the members on every server, so forwarding what
/// other servers published too would deliver it twice. Tallies go to the room only when
/// <see cref="ResultsChanged.VisibleToRoom"/>, a rule Core decides (reveal-only sessions do not leak).
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
        if (sessionEvent.Origin is not null)
        {
            return Task.CompletedTask;
        }

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
