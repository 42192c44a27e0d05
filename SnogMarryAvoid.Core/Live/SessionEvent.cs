using System.Text.Json.Serialization;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Core.Live;

/// <summary>
/// Something that has happened to a session, published after the change was committed. Events are
/// immutable snapshots: subscribers render from them and do not query again.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$event")]
[JsonDerivedType(typeof(SessionChanged), "session")]
[JsonDerivedType(typeof(ResultsChanged), "results")]
[JsonDerivedType(typeof(ReasonsChanged), "reasons")]
[JsonDerivedType(typeof(PresenceChanged), "presence")]
[JsonDerivedType(typeof(ParticipantJoined), "joined")]
public abstract record SessionEvent(Guid SessionId)
{
    /// <summary>The server that published it, when it came from another server over Redis; null for events of this process.</summary>
    public string? Origin { get; init; }
}

/// <summary>The session's phase, current scenario or deck changed; carries the whole new view.</summary>
public sealed record SessionChanged(Guid SessionId, SessionSnapshot Snapshot) : SessionEvent(SessionId);

/// <summary>
/// A new tally of one scenario after one or more committed votes. <paramref name="LastSequence"/> is the
/// session's last vote sequence number the tally includes (it may include a few later ones too); of two
/// events, the one with the higher sequence is the newer. <paramref name="VisibleToRoom"/> says whether
/// participants may see it now (revealed, or a results-live session): only the facilitator's views see
/// it otherwise.
/// </summary>
public sealed record ResultsChanged(Guid SessionId, ScenarioResults Results, long LastSequence, bool VisibleToRoom = false) : SessionEvent(SessionId);

/// <summary>A reason was added, changed or removed on a scenario; moderators fetch the new list.</summary>
public sealed record ReasonsChanged(Guid SessionId, Guid ScenarioId) : SessionEvent(SessionId);

/// <summary>
/// How many participants have the session open right now on the server that published it
/// (<see cref="SessionEvent.Origin"/>); a view of the whole room adds up the latest count of each server.
/// </summary>
public sealed record PresenceChanged(Guid SessionId, int Connected) : SessionEvent(SessionId);

/// <summary>A participant joined; carries the new number of participants.</summary>
public sealed record ParticipantJoined(Guid SessionId, int ParticipantCount) : SessionEvent(SessionId);

/// <summary>What every view of a session needs to draw itself, taken right after a commit.</summary>
public sealed record SessionSnapshot(
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
    IReadOnlyList<string> Spotlights)
{
    /// <summary>Whether this snapshot is newer than <paramref name="other"/> (or there is no other).</summary>
    public bool IsNewerThan(SessionSnapshot? other) => other is null || Revision > other.Revision;

    public bool IsEnded => Phase == SessionPhase.Ended;
}

/// <summary>A scenario as the room sees it.</summary>
public sealed record ScenarioView(Guid Id, int Order, string PublicBody, string Counterpart, string? Context, ScenarioState State, DateTime? ClosesAt)
{
    public string Title => Scenario.FormatTitle(PublicBody, Counterpart);

    public static ScenarioView From(Scenario s) => new(s.Id, s.Order, s.PublicBody, s.Counterpart, s.Context, s.State, s.ClosesAt);
}
