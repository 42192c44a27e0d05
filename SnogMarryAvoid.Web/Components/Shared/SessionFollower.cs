using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Web.Components.Shared;

/// <summary>
/// Follows one session for a signed-in view (projector, console): the newest snapshot, the current
/// scenario's tally and the head counts, kept up to date from events. Snapshots older than the one
/// shown are ignored; tallies and counts redraw at most twenty times a second.
/// </summary>
public sealed class SessionFollower(SessionService sessions, VotingService voting, ISessionEvents events, PresenceTracker presence, TimeProvider clock) : IDisposable
{
    /// <summary>
    /// The shortest time between two redraws of tallies and counts. In a busy room a vote waits up to this
    /// long on top of its path to the projector (it was 100 ms), and the screen redraws at most twenty
    /// times a second however fast votes come.
    /// </summary>
    public static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(50);

    private long _resultsSequence = -1;
    private readonly Dictionary<string, int> _presence = [];
    private IDisposable? _subscription;
    private RenderThrottle? _throttle;
    private Guid _sessionId;
    private Actor? _actor;

    public SessionSnapshot? Snapshot { get; private set; }
    public ScenarioResults? Results { get; private set; }
    public int Participants { get; private set; }
    public int Connected { get; private set; }

    /// <summary>Loads the session now (while prerendering too); throws as <see cref="SessionService.GetSnapshotAsync"/> does.</summary>
    public async Task LoadAsync(Guid sessionId, Actor actor)
    {
        (_sessionId, _actor) = (sessionId, actor);
        var snapshot = await sessions.GetSnapshotAsync(sessionId, actor);
        Participants = Math.Max(Participants, snapshot.ParticipantCount);
        _presence[string.Empty] = presence.Connected(sessionId);
        Connected = _presence.Values.Sum();
        await ApplyAsync(snapshot, reloadResults: true);
    }

    /// <summary>
    /// Starts following, once the component is interactive. Events are applied on the component's
    /// dispatcher (<paramref name="invoke"/>); <paramref name="redraw"/> is the component's StateHasChanged;
    /// <paramref name="also"/> lets the component react too (after the follower has applied the event).
    /// </summary>
    public async Task FollowAsync(Func<Func<Task>, Task> invoke, Action redraw, Func<Exception, Task> fail, Func<SessionEvent, Task>? also = null)
    {
        _throttle = new RenderThrottle(() => invoke(() => { redraw(); return Task.CompletedTask; }), RedrawInterval, clock);
        _subscription = events.Subscribe(_sessionId, e => invoke(async () =>
        {
            try
            {
                if (await ApplyAsync(e))
                {
                    redraw();
                }
                else
                {
                    _throttle.Request();
                }

                if (also is not null)
                {
                    await also(e);
                }
            }
            catch (Exception ex)
            {
                await fail(ex);
            }
        }));

        // Anything that happened between the first load and the subscription is caught up here.
        await LoadAsync(_sessionId, _actor!);
    }

    /// <summary>Applies an event; true when it needs an immediate redraw (the session moved on).</summary>
    private async Task<bool> ApplyAsync(SessionEvent sessionEvent)
    {
        switch (sessionEvent)
        {
            case SessionChanged changed:
                await ApplyAsync(changed.Snapshot);
                return true;
            // Equal sequences are accepted: another server's count of the same moment is the same or newer.
            case ResultsChanged changed when changed.Results.ScenarioId == Snapshot?.Current?.Id && changed.LastSequence >= _resultsSequence:
                Results = changed.Results;
                _resultsSequence = changed.LastSequence;
                break;
            case ParticipantJoined joined:
                Participants = Math.Max(Participants, joined.ParticipantCount);
                break;
            case PresenceChanged present:
                // Each server counts its own phones; the room is the sum of every server's latest count.
                _presence[present.Origin ?? string.Empty] = present.Connected;
                Connected = _presence.Values.Sum();
                break;
        }

        return false;
    }

    private async Task ApplyAsync(SessionSnapshot snapshot, bool reloadResults = false)
    {
        if (snapshot.IsNewerThan(Snapshot))
        {
            reloadResults |= snapshot.Current?.Id != Snapshot?.Current?.Id || snapshot.Current?.State != Snapshot?.Current?.State;
            Snapshot = snapshot;
        }

        if (reloadResults && Snapshot?.Current is { } current)
        {
            (Results, _resultsSequence) = await voting.GetResultsWithSequenceAsync(Snapshot.SessionId, current.Id);
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _throttle?.Dispose();
    }
}
