using System.Text.Json.Serialization;
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

/// <summary>
/// The session's phase, current scenario, deck or moderation changed: carries the manager's view,
/// built in the transaction of the change, with the room's view inside it (<see cref="Room"/>).
/// </summary>
public sealed record SessionChanged(Guid SessionId, ManagerView Manager) : SessionEvent(SessionId)
{
    [JsonIgnore]
    public RoomView Room => Manager.Room;
}

/// <summary>
/// A new tally of one scenario after one or more committed votes. <paramref name="LastSequence"/> is the
/// session's last vote sequence number the tally includes (it may include a few later ones too); of two
/// events, the one with the higher sequence is the newer. <paramref name="VisibleToRoom"/> says whether
/// participants may see it now (<see cref="ResultsVisibility"/>): only the facilitator's views, and
/// clients that follow results, see it otherwise.
/// </summary>
public sealed record ResultsChanged(Guid SessionId, ScenarioResults Results, long LastSequence, bool VisibleToRoom = false) : SessionEvent(SessionId)
{
    /// <summary>The same tally split by camp under the three-person rule, when the session asks camps: for staff views only.</summary>
    public Camps.CampSplitView? Split { get; init; }
}

/// <summary>
/// A participant added, changed or removed the reason of their vote on a scenario: carries that reason as
/// a moderator sees it (null when it was removed) and how many reasons the scenario now has, so the
/// console updates its list without asking the database.
/// </summary>
public sealed record ReasonsChanged(Guid SessionId, Guid ScenarioId, Guid VoteId, ReasonView? Reason, int Count) : SessionEvent(SessionId);

/// <summary>
/// How many participants have the session open right now on the server that published it
/// (<see cref="SessionEvent.Origin"/>); a view of the whole room adds up the latest count of each server.
/// </summary>
public sealed record PresenceChanged(Guid SessionId, int Connected) : SessionEvent(SessionId);

/// <summary>A participant joined; carries the new number of participants.</summary>
public sealed record ParticipantJoined(Guid SessionId, int ParticipantCount) : SessionEvent(SessionId);
