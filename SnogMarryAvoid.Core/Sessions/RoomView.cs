using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Core.Sessions;

/// <summary>
/// What the room sees: the phones and the projector draw this and nothing else. Core builds it in the
/// transaction of each change and publishes it after the commit. <see cref="ResultsVisible"/> says
/// whether the room may see the current scenario's split now (<see cref="ResultsVisibility"/>);
/// <see cref="RevealedResults"/> and <see cref="VerdictText"/> are set once it is revealed.
/// How many are connected now is not in the view: it is counted per server, live. Once the session has ended, <see cref="Recap"/> says what the room decided.
/// <see cref="Camps"/> are the answers to "Where are you coming from?" while the session asks it (else null).
/// <see cref="Languages"/> are the room's languages when it is not English alone (<see cref="RoomLanguages"/>), the first shown first.
/// </summary>
public sealed record RoomView(
    Guid SessionId,
    string Title,
    string JoinCode,
    SessionPhase Phase,
    ScenarioView? Current,
    int ScenarioCount,
    int ParticipantCount,
    int Revision,
    ScenarioResults? RevealedResults,
    bool ShowResultsLive,
    bool IsBlanked,
    IReadOnlyList<string> Spotlights,
    bool ResultsVisible = false,
    string? VerdictText = null,
    RoomRecap? Recap = null,
    IReadOnlyList<string>? Camps = null,
    IReadOnlyList<string>? Languages = null)
{
    /// <summary>The languages the projector speaks, the first shown first (English alone unless the session says otherwise).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> ShownIn => Languages ?? RoomLanguages.Default;

    /// <summary>Whether this view is newer than <paramref name="other"/> (or there is no other).</summary>
    public bool IsNewerThan(RoomView? other) => other is null || Revision > other.Revision;

    public bool IsEnded => Phase == SessionPhase.Ended;

    /// <summary>
    /// Whether the room's screen shows live figures now (the head count in the lobby, the tally and head count of a
    /// scenario): a blanked screen and the recap at the end show none, so a vote changes nothing on them.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool ScreenShowsLiveFigures => !IsBlanked && !IsEnded;
}
