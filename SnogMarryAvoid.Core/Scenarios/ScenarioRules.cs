using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Core.Scenarios;

/// <summary>What the facilitator may do with one scenario now; the console shows exactly these controls.</summary>
public sealed record ScenarioActions(bool Open, bool Close, bool Reveal, bool Reset, bool ShowOnProjector, bool Edit, bool Remove, bool MoveUp, bool MoveDown)
{
    public static ScenarioActions None { get; } = new(false, false, false, false, false, false, false, false, false);

    /// <summary>Whether any of the actions that live in a scenario's "more" menu is allowed.</summary>
    public bool AnyMore => Open || Close || Reveal || Reset || ShowOnProjector || Edit || Remove || MoveUp || MoveDown;
}

/// <summary>What the clicker's "next" does from here.</summary>
public enum StepKind
{
    /// <summary>Nothing: the session is not live, or the deck is done.</summary>
    None = 0,
    Open = 1,
    Close = 2,
    Reveal = 3,

    /// <summary>Open voting on the next pending scenario of the deck (a session where showing opens voting).</summary>
    OpenNext = 4,

    /// <summary>Show the next pending scenario on the projector, voting not yet open, so the room reads it first.</summary>
    ShowNext = 5,
}

/// <summary>
/// The clicker's next step, on which scenario, and the label the console gives it: in English, and as the key
/// of its text in the language files (<c>console.next.{TextKey}</c>, with the scenario's title as <c>{title}</c>).
/// </summary>
public sealed record NextStep(StepKind Kind, Guid? ScenarioId, string Label, string TextKey)
{
    public bool CanStep => Kind != StepKind.None;
}

/// <summary>
/// The rules of running a scenario: pending → open → closed → revealed, in a live session. The one
/// place they are written: the services refuse with these reasons, and the manager's view offers
/// exactly the actions they allow.
/// </summary>
public static class ScenarioRules
{
    /// <summary>What the projector and the phones say while a scenario is shown and its voting not yet open.</summary>
    public const string BeforeVoting = "Talk it over: voting opens soon.";

    public static DomainException Ended() => new DomainException(DomainError.SessionEnded, "The session has ended.").Says("sessionEnded");

    public static DomainException? WhyNotOpen(SessionPhase phase, ScenarioState state) => (phase, state) switch
    {
        (SessionPhase.Ended, _) => Ended(),
        (SessionPhase.Draft, _) => new DomainException(DomainError.SessionNotLive, "Start the session before opening a scenario.").Says("startBeforeOpening"),
        (_, ScenarioState.Revealed) => new DomainException(DomainError.InvalidTransition, "Results of this scenario are revealed; reset it to vote again.").Says("revealedResetFirst"),
        _ => null,
    };

    public static DomainException? WhyNotClose(SessionPhase phase, ScenarioState state) => (phase, state) switch
    {
        (SessionPhase.Ended, _) => Ended(),
        (_, not ScenarioState.Open) => new DomainException(DomainError.InvalidTransition, "Voting on this scenario is not open.").Says("votingNotOpen"),
        _ => null,
    };

    public static DomainException? WhyNotReveal(SessionPhase phase, ScenarioState state) => (phase, state) switch
    {
        (SessionPhase.Ended, _) => Ended(),
        (_, ScenarioState.Pending) => new DomainException(DomainError.InvalidTransition, "Open voting on this scenario before revealing its results.").Says("openBeforeReveal"),
        _ => null,
    };

    public static DomainException? WhyNotReset(SessionPhase phase) => phase == SessionPhase.Ended ? Ended() : null;

    /// <summary>Showing a scenario on the projector without opening it ("go to").</summary>
    public static DomainException? WhyNotShow(SessionPhase phase) => phase switch
    {
        SessionPhase.Ended => Ended(),
        SessionPhase.Draft => new DomainException(DomainError.SessionNotLive, "Start the session before showing a scenario.").Says("startBeforeShowing"),
        _ => null,
    };

    /// <summary>Correcting a scenario's text: in any state until the session ends (votes are kept; the report says it was edited).</summary>
    public static DomainException? WhyNotEdit(SessionPhase phase) => phase == SessionPhase.Ended ? Ended() : null;

    /// <summary>Removing: only a scenario nobody has voted on (still pending).</summary>
    public static DomainException? WhyNotChangeText(SessionPhase phase, ScenarioState state, bool hasVotes, string verb) =>
        phase == SessionPhase.Ended ? Ended()
        : state != ScenarioState.Pending || hasVotes ? new DomainException(DomainError.InvalidTransition, $"A scenario that has been opened cannot be {verb}; reset it first.").Says("openedCannotBeRemoved")
        : null;

    public static DomainException? WhyNotChangeDeck(SessionPhase phase) => phase == SessionPhase.Ended ? Ended() : null;

    public static DomainException? WhyNotStep(SessionPhase phase) => phase switch
    {
        SessionPhase.Ended => Ended(),
        SessionPhase.Draft => new DomainException(DomainError.SessionNotLive, "Start the session before opening a scenario.").Says("startBeforeOpening"),
        _ => null,
    };

    /// <summary>What may be done with <paramref name="scenario"/> now, by the same rules as the services.</summary>
    public static ScenarioActions ActionsFor(SessionPhase phase, ScenarioView scenario, bool isCurrent, int deckSize)
    {
        var deck = WhyNotChangeDeck(phase) is null;
        return new ScenarioActions(
            Open: WhyNotOpen(phase, scenario.State) is null && scenario.State != ScenarioState.Open,
            Close: WhyNotClose(phase, scenario.State) is null,
            Reveal: WhyNotReveal(phase, scenario.State) is null && scenario.State != ScenarioState.Revealed && phase == SessionPhase.Live,
            Reset: WhyNotReset(phase) is null && scenario.State != ScenarioState.Pending,
            ShowOnProjector: WhyNotShow(phase) is null && !isCurrent,
            Edit: WhyNotEdit(phase) is null,
            Remove: WhyNotChangeText(phase, scenario.State, hasVotes: false, "removed") is null,
            MoveUp: deck && scenario.Order > 1,
            MoveDown: deck && scenario.Order < deckSize);
    }

    /// <summary>
    /// The clicker's "next" from the deck as it is: pending → open voting; open → close; closed → reveal;
    /// no current scenario, or a revealed one → show the next pending one on the projector ("Show: …"),
    /// or, where <paramref name="showOpensVoting"/>, open voting on it at once ("Next: …").
    /// <see cref="StepKind.None"/> when the session is not live or nothing is left to show.
    /// </summary>
    public static NextStep Next(SessionPhase phase, IReadOnlyList<ScenarioView> deck, Guid? currentId, bool showOpensVoting = false)
    {
        switch (phase)
        {
            case SessionPhase.Draft:
                return new NextStep(StepKind.None, null, "Start the session first", "startFirst");
            case SessionPhase.Ended:
                return new NextStep(StepKind.None, null, "The session has ended", "ended");
        }

        var current = deck.FirstOrDefault(s => s.Id == currentId);
        switch (current?.State)
        {
            case ScenarioState.Pending:
                return new NextStep(StepKind.Open, current.Id, "Open voting", "open");
            case ScenarioState.Open:
                return new NextStep(StepKind.Close, current.Id, "Close voting", "close");
            case ScenarioState.Closed:
                return new NextStep(StepKind.Reveal, current.Id, "Reveal", "reveal");
        }

        var next = deck.Where(s => s.Order > (current?.Order ?? 0) && s.State == ScenarioState.Pending).MinBy(s => s.Order);
        return next switch
        {
            null => new NextStep(StepKind.None, null, deck.Count == 0 ? "Add a scenario first" : "End of the deck", deck.Count == 0 ? "addFirst" : "endOfDeck"),
            _ when showOpensVoting => new NextStep(StepKind.OpenNext, next.Id, $"Next: {next.Title}", "openNext"),
            _ => new NextStep(StepKind.ShowNext, next.Id, $"Show: {next.Title}", "showNext"),
        };
    }

    /// <summary>The clicker's "back": the scenario before the current one in the deck, or null at the start (or with none current).</summary>
    public static ScenarioView? Previous(IReadOnlyList<ScenarioView> deck, Guid? currentId) =>
        deck.FirstOrDefault(s => s.Id == currentId) is { } current ? deck.Where(s => s.Order < current.Order).MaxBy(s => s.Order) : null;

    /// <summary>
    /// What to ask before the room is moved from the current scenario to <paramref name="targetId"/>
    /// (another scenario shown or opened, or the clicker's back), or null when nothing is interrupted:
    /// only leaving a scenario whose voting is open with votes in asks first. Its votes are kept either way.
    /// </summary>
    public static string? AskBeforeLeaving(ScenarioView? current, ScenarioResults? tally, Guid? targetId)
    {
        if (current is not { State: ScenarioState.Open } || current.Id == targetId || tally?.ScenarioId != current.Id || tally.Total == 0)
        {
            return null;
        }

        var votes = tally.Total == 1 ? "1 vote" : $"{tally.Total} votes";
        return $"Voting on scenario {current.Order} is open, with {votes} in. Moving the room on closes its voting; the votes are kept.";
    }
}
