using System.Text.Json.Serialization;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Core.Sessions;

/// <summary>
/// What the facilitator's console draws: the room's view, the deck with what may be done to each
/// scenario, the next step of the clicker and its label, the current scenario's tally (before the
/// reveal too) with the last vote sequence it includes, its newest reasons for moderation, and the
/// countdown's range and presets, whether showing a scenario opens voting, the camp settings, the current
/// scenario's split by camp (under the three-person rule) and the words its reasons use. Core builds it in the transaction of each change and publishes it
/// in <see cref="Live.SessionChanged"/>; the console draws it without asking the database again.
/// </summary>
public sealed record ManagerView(
    RoomView Room,
    string? OwnerId,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? EndedAt,
    IReadOnlyList<DeckItem> Deck,
    NextStep Next,
    ScenarioResults? Results,
    long LastSequence,
    IReadOnlyList<ReasonView> Reasons,
    int ReasonCount,
    CountdownRules Countdowns,
    SessionActions Actions,
    bool ShowOpensVoting,
    IReadOnlyList<CoFacilitator> CoFacilitators,
    Camps.CampSettings? Camps = null,
    Camps.CampSplitView? Split = null,
    IReadOnlyDictionary<Choice, IReadOnlyList<Reports.RoomWord>>? Words = null)
{
    /// <summary>The session's camp settings (<see cref="Camps.CampSettings.Off"/> for a view made without them).</summary>
    [JsonIgnore]
    public Camps.CampSettings CampSettings => Camps ?? SnogMarryAvoid.Core.Camps.CampSettings.Off;

    /// <summary>
    /// Whether the projector shows <paramref name="split"/> (this view's, or a newer one from a tally):
    /// the session asks camps and wants it shown, the current scenario is revealed, the split is that
    /// scenario's, and at least one camp is big enough to be shown on its own.
    /// </summary>
    public bool ProjectorShowsSplit(Camps.CampSplitView? split) =>
        CampSettings is { Ask: true, SplitOnProjector: true } && Current is { State: ScenarioState.Revealed } current
        && split is { AnyShown: true } && split.ScenarioId == current.Id;

    /// <summary>
    /// Whether the projector shows <paramref name="words"/> (this view's, or newer ones read since): the
    /// session wants them, the current scenario is revealed, and someone gave a reason.
    /// </summary>
    public bool ProjectorShowsWords(IReadOnlyDictionary<Choice, IReadOnlyList<Reports.RoomWord>>? words) =>
        CampSettings.WordsOnProjector && Current is { State: ScenarioState.Revealed } && words is not null && words.Values.Any(w => w.Count > 0);

    [JsonIgnore]
    public Guid Id => Room.SessionId;

    [JsonIgnore]
    public string Title => Room.Title;

    [JsonIgnore]
    public string JoinCode => Room.JoinCode;

    [JsonIgnore]
    public SessionPhase Phase => Room.Phase;

    [JsonIgnore]
    public ScenarioView? Current => Room.Current;

    /// <summary>The deck's scenarios in order.</summary>
    [JsonIgnore]
    public IReadOnlyList<ScenarioView> Scenarios => [.. Deck.Select(d => d.Scenario)];

    public bool IsNewerThan(ManagerView? other) => Room.IsNewerThan(other?.Room);

    /// <summary>
    /// The scenario the facilitator is talking about, whose presenter notes the console shows: the current
    /// one, else the one the next step will show, else (a draft) the first.
    /// </summary>
    [JsonIgnore]
    public DeckItem? InFocus =>
        Deck.FirstOrDefault(d => d.IsCurrent) ?? Deck.FirstOrDefault(d => d.Scenario.Id == Next.ScenarioId)
        ?? (Phase == SessionPhase.Draft ? Deck.FirstOrDefault() : null);

    /// <summary>
    /// Whether the console shows the facilitator alone the split so far: voting has opened on the current
    /// scenario, it is not revealed, and the room does not see results live.
    /// </summary>
    [JsonIgnore]
    public bool ShowsPrivateSplit => Current is { State: ScenarioState.Open or ScenarioState.Closed } && !Room.ShowResultsLive;

    /// <summary>Whether <paramref name="actor"/> may run the session as this view has it (organiser, owner or co-facilitator).</summary>
    public bool MayBeRunBy(Accounts.Actor actor) => actor.MayManage(OwnerId) || CoFacilitators.Any(c => c.UserId == actor.UserId);

    /// <summary>Whether <paramref name="actor"/> may change who the session is shared with (organiser or owner).</summary>
    public bool MayBeSharedBy(Accounts.Actor actor) => actor.MayManage(OwnerId);
}

/// <summary>
/// What the facilitator may do with the session as a whole now: start it (a draft), end it (live), run
/// it (the live controls: back, next, countdown, results live, blank), change its deck (not ended).
/// </summary>
public sealed record SessionActions(bool Start, bool End, bool Run, bool ChangeDeck)
{
    public static SessionActions For(SessionPhase phase) =>
        new(Start: phase == SessionPhase.Draft, End: phase == SessionPhase.Live, Run: phase == SessionPhase.Live, ChangeDeck: phase != SessionPhase.Ended);
}

/// <summary>
/// One scenario of the deck, whether it is the room's current one, what the facilitator may do with it
/// now, its presenter notes (facilitators only: they are in no view the room gets), and when its text
/// was corrected after voting opened.
/// </summary>
public sealed record DeckItem(ScenarioView Scenario, bool IsCurrent, ScenarioActions Actions, string? Notes = null, DateTime? EditedAt = null);

/// <summary>Someone other than the owner who may run the session and see its report.</summary>
public sealed record CoFacilitator(string UserId, string Email);
