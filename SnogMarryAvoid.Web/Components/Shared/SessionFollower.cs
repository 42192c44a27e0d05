using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Camps;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Participants;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Web.Components.Shared;

/// <summary>
/// Follows one session for a signed-in view (projector, console): the newest manager's view, the
/// current scenario's tally, its reasons and the head counts, kept up to date from events alone. The
/// database is read when the page loads and when it starts following, never for an event: every event
/// carries what it changed. Views older than the one shown are ignored; tallies and counts redraw at
/// most twenty times a second, and only the page's <see cref="LiveRegion"/>s when it has any (the rest of
/// a page, a console's deck and forms, does not change with a vote); while the page's browser draws the tallies from
/// the hub (<see cref="BrowserDraws"/>), a vote redraws nothing here but what only the server draws, once a second.
/// </summary>
public sealed class SessionFollower(SessionService sessions, ISessionEvents events, PresenceTracker presence, TimeProvider clock) : IDisposable
{
    /// <summary>
    /// The shortest time between two redraws of tallies and counts. In a busy room a vote waits up to this
    /// long on top of its path to the projector (it was 100 ms), and the screen redraws at most twenty
    /// times a second however fast votes come.
    /// </summary>
    public static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// While the page's browser draws the tallies itself (<see cref="BrowserDrawsTallies"/>), the shortest time between two
    /// redraws of the figures it cannot draw (the console's pace of votes and its camps) for a vote.
    /// </summary>
    public static readonly TimeSpan BrowserDrawnRedrawInterval = TimeSpan.FromSeconds(1);

    private long _resultsSequence = -1;
    private readonly Dictionary<string, int> _presence = [];
    private IDisposable? _subscription;
    private RenderThrottle? _throttle;
    private Guid _sessionId;
    private Actor? _actor;

    public ManagerView? Manager { get; private set; }

    /// <summary>The room's view: what the projector shows.</summary>
    public RoomView? Snapshot => Manager?.Room;

    public ScenarioResults? Results { get; private set; }

    /// <summary>The sequence of the newest vote <see cref="Results"/> counts (a tally's <c>LastSequence</c>): js/live.js draws only newer tallies over it.</summary>
    public long ResultsSequence => _resultsSequence;

    /// <summary>The current scenario's split by camp (under the three-person rule), when the session asks camps.</summary>
    public CampSplitView? Split { get; private set; }

    /// <summary>How fast the current scenario's votes are coming in, from the tallies followed.</summary>
    public VotePace Pace { get; } = new(clock);

    /// <summary>The current scenario's newest reasons, newest first, and how many it has in all.</summary>
    public IReadOnlyList<ReasonView> Reasons { get; private set; } = [];

    public int ReasonCount { get; private set; }

    /// <summary>
    /// The words of the current scenario's reasons for each choice: from the manager's view, and read
    /// again at most every <see cref="WordsInterval"/> while reasons arrive (the one read an event causes:
    /// a reasons event carries one reason, the words count them all).
    /// </summary>
    public IReadOnlyDictionary<Choice, IReadOnlyList<Core.Reports.RoomWord>>? Words { get; private set; }

    public static readonly TimeSpan WordsInterval = TimeSpan.FromSeconds(2);

    private int _wordsPending;
    private Func<Func<Task>, Task>? _invoke;
    private Action? _redraw;
    private Func<bool>? _liveShown;
    private RenderThrottle? _slowThrottle;
    private bool _serverOnlyFigures;

    /// <summary>
    /// Whether the page's browser draws the tallies now: js/live.js, a watcher on the hub as the load tool's projector is,
    /// redraws the tally from each <c>ResultsChanged</c> it is sent (<see cref="BrowserTally"/>), so a vote no longer
    /// redraws the page's live regions at once (a render batch over the circuit and the browser's acknowledgement, for each
    /// page, for each vote). The server still applies every tally, so whatever it draws is up to date; head counts still
    /// redraw as before. False until the browser says it watches, and again whenever it loses the hub.
    /// </summary>
    public bool BrowserDraws { get; private set; }

    /// <summary>
    /// Says whether the browser draws the tallies now (<see cref="BrowserDraws"/>). Called on the page's dispatcher. When it
    /// stops, the live figures are redrawn at once: the votes it did not draw are then on the screen.
    /// </summary>
    public void BrowserDrawsTallies(bool drawing)
    {
        if (BrowserDraws == drawing)
        {
            return;
        }

        BrowserDraws = drawing;
        if (!drawing)
        {
            RedrawLive();
        }
    }

    public int Participants { get; private set; }

    /// <summary>
    /// The page's <see cref="LiveRegion"/>s, in the order they came: when only the live figures changed (tallies,
    /// the split, head counts) they redraw, not the page. With none, the whole page redraws instead.
    /// </summary>
    private readonly List<LiveRegion> _regions = [];

    internal void Add(LiveRegion region) => _regions.Add(region);

    internal void Remove(LiveRegion region) => _regions.Remove(region);

    /// <summary>
    /// Redraws the live figures now (the pace of votes falls with time, not only with a vote), on the page's
    /// dispatcher. All of the page's regions are drawn in one render batch: one message to the browser and one
    /// acknowledgement back, not one of each per region (the console has up to four). A page without regions
    /// is redrawn whole, unless it shows no live figures now (a blanked projector): then nothing is drawn, and
    /// the change that brings them back to the screen redraws the page with the figures of that moment.
    /// </summary>
    public void RedrawLive()
    {
        if (_regions.Count > 0)
        {
            _regions[0].DrawWithTheOthers();
        }
        else if (_liveShown?.Invoke() != false)
        {
            _redraw?.Invoke();
        }
    }

    /// <summary>
    /// Called by the first region while it draws, inside the renderer's batch: the others are queued into the same
    /// batch (a render asked for while a batch is under way joins it).
    /// </summary>
    internal void DrawTheOthers(LiveRegion drawing)
    {
        foreach (var region in _regions.ToArray())
        {
            if (!ReferenceEquals(region, drawing))
            {
                region.Draw();
            }
        }
    }

    public int Connected { get; private set; }

    /// <summary>Loads the session now (while prerendering too); throws as <see cref="SessionService.GetAsync"/> does.</summary>
    public async Task LoadAsync(Guid sessionId, Actor actor)
    {
        (_sessionId, _actor) = (sessionId, actor);
        Apply(await sessions.GetAsync(sessionId, actor));
        _presence[string.Empty] = presence.Connected(sessionId);
        Connected = _presence.Values.Sum();
    }

    /// <summary>
    /// Starts following, once the component is interactive. Events are applied on the component's
    /// dispatcher (<paramref name="invoke"/>); <paramref name="redraw"/> is the component's StateHasChanged.
    /// <paramref name="liveShown"/>, when given, says whether the page shows live figures now; while it does not
    /// and the page has no <see cref="LiveRegion"/>, a change of them alone does not redraw it.
    /// <paramref name="serverOnlyFigures"/>: the page shows figures that change with a vote and that the browser does not
    /// draw (the console's pace of votes); while <see cref="BrowserDraws"/>, a vote still redraws them, at most every
    /// <see cref="BrowserDrawnRedrawInterval"/>.
    /// </summary>
    public async Task FollowAsync(Func<Func<Task>, Task> invoke, Action redraw, Func<Exception, Task> fail, Func<bool>? liveShown = null, bool serverOnlyFigures = false)
    {
        (_invoke, _redraw, _liveShown, _serverOnlyFigures) = (invoke, redraw, liveShown, serverOnlyFigures);
        // Events are applied on the dispatcher, so a redraw due at once is made there and then.
        _throttle = new RenderThrottle(() => invoke(() => { RedrawLive(); return Task.CompletedTask; }), RedrawInterval, clock, drawHere: RedrawLive);
        _slowThrottle = new RenderThrottle(() => invoke(() => { RedrawLive(); return Task.CompletedTask; }), BrowserDrawnRedrawInterval, clock, drawHere: RedrawLive);
        _subscription = events.Subscribe(_sessionId, e => invoke(async () =>
        {
            try
            {
                if (Apply(e))
                {
                    redraw();
                }
                else if (e is ResultsChanged && BrowserDraws)
                {
                    // The browser draws this tally: the hub sends it the same event.
                    if (_serverOnlyFigures)
                    {
                        _slowThrottle.Request();
                    }
                }
                else
                {
                    _throttle.Request();
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

    /// <summary>Applies an event; true when it needs an immediate redraw (the session moved on, a reason arrived).</summary>
    private bool Apply(SessionEvent sessionEvent)
    {
        switch (sessionEvent)
        {
            case SessionChanged changed:
                Apply(changed.Manager);
                return true;
            // Equal sequences are accepted: another server's count of the same moment is the same or newer.
            case ResultsChanged changed when changed.Results.ScenarioId == Snapshot?.Current?.Id && changed.LastSequence >= _resultsSequence:
                Results = changed.Results;
                _resultsSequence = changed.LastSequence;
                Split = changed.Split;
                Pace.Observe(Results);
                break;
            case ReasonsChanged reasons when reasons.ScenarioId == Snapshot?.Current?.Id:
                Reasons = [.. Reasons.Where(r => r.VoteId != reasons.VoteId)
                    .Concat(reasons.Reason is { } reason ? [reason] : [])
                    .OrderByDescending(r => r.UpdatedAt)
                    .Take(ModerationService.ReasonsInView)];
                ReasonCount = reasons.Count;
                RefreshWordsSoon(reasons.ScenarioId);
                return true;
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

    private void Apply(ManagerView view)
    {
        if (!view.IsNewerThan(Manager))
        {
            return;
        }

        var sameScenario = view.Current?.Id == Snapshot?.Current?.Id;
        Manager = view;
        Participants = Math.Max(Participants, view.Room.ParticipantCount);
        if (!sameScenario || view.LastSequence >= _resultsSequence)
        {
            (Results, _resultsSequence, Split) = (view.Results, view.LastSequence, view.Split);
            Pace.Observe(Results);
        }

        (Reasons, ReasonCount) = (view.Reasons, view.ReasonCount);
        Words = view.Words;
    }

    private void RefreshWordsSoon(Guid scenarioId)
    {
        if (Interlocked.Exchange(ref _wordsPending, 1) == 1 || _invoke is null)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            await Task.Delay(WordsInterval, clock);
            Interlocked.Exchange(ref _wordsPending, 0);
            if (_subscription is null || Snapshot?.Current?.Id != scenarioId)
            {
                return;
            }

            try
            {
                var words = await sessions.GetWordsAsync(_sessionId, scenarioId, _actor!);
                await _invoke(() =>
                {
                    if (Snapshot?.Current?.Id == scenarioId)
                    {
                        Words = words;
                        _redraw!();
                    }

                    return Task.CompletedTask;
                });
            }
            catch (Exception ex) when (ex is DomainException or ObjectDisposedException)
            {
                // The session or scenario went, the actor lost it (the next view says so), or the page closed.
            }
        });
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _subscription = null;
        _throttle?.Dispose();
        _slowThrottle?.Dispose();
    }
}
