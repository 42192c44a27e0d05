using SnogMarryAvoid.Core.Scenarios;

namespace SnogMarryAvoid.Core.Sessions;

public enum SessionPhase
{
    Draft = 0,
    Live = 1,
    Ended = 2,
}

/// <summary>One run of the workshop: a deck of scenarios that one room votes on.</summary>
public sealed class Session
{
    public const int MaxTitleLength = 120;

    public Guid Id { get; set; }
    public required string Title { get; set; }
    public required string JoinCode { get; set; }
    public SessionPhase Phase { get; set; }
    public Guid? CurrentScenarioId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }

    /// <summary>
    /// Whether the projector shows the split while voting is open. Off by default (reveal-only), so
    /// early votes do not herd the room.
    /// </summary>
    public bool ShowResultsLive { get; set; }

    /// <summary>
    /// Whether showing the next scenario opens voting on it at once, for rooms that want speed. Off by
    /// default: the clicker first shows a scenario, so the room reads and argues before it votes.
    /// </summary>
    public bool ShowOpensVoting { get; set; }

    /// <summary>
    /// Whether phones ask "Where are you coming from?" on joining (<see cref="Camps.CampRules"/>). Off by
    /// default; the session's camps are <see cref="CampList"/>.
    /// </summary>
    public bool AsksCamp { get; set; }

    /// <summary>The session's camps as JSON (<see cref="Camps.CampList"/>); null is the workshop's defaults.</summary>
    public string? CampList { get; set; }

    /// <summary>Whether the projector shows the split by camp, and the widest gap, at the reveal (when the session asks camps).</summary>
    public bool ProjectorShowsCamps { get; set; } = true;

    /// <summary>Whether the projector shows the room's words after the reveal.</summary>
    public bool ProjectorShowsWords { get; set; }

    /// <summary>The room's languages (<see cref="Sessions.RoomLanguages"/>: "cy,en" is bilingual, Welsh first); null is English alone.</summary>
    public string? RoomLanguages { get; set; }

    /// <summary>The facilitator has blanked the projector (and the phones show a pause).</summary>
    public bool IsBlanked { get; set; }

    /// <summary>The Identity user id of the facilitator who owns it; null for sessions made without an account.</summary>
    public string? OwnerId { get; set; }

    /// <summary>
    /// Goes up by one with every change to the session or its deck. Snapshots carry it, so a view can
    /// ignore one older than what it shows; it is also the concurrency token for those changes.
    /// </summary>
    public int Revision { get; set; }

    /// <summary>
    /// The last vote sequence number handed out in this session. Every stored change of a vote takes the
    /// next one in the same transaction, which also locks this row, so sequences commit in order.
    /// </summary>
    public long VoteSequence { get; set; }

    public List<Scenario> Scenarios { get; set; } = [];

    /// <summary>Other facilitators the session is shared with: they may run it and see its report.</summary>
    public List<SessionShare> Shares { get; set; } = [];
}
