namespace SnogMarryAvoid.Core.Voting;

public enum Choice
{
    Snog = 1,
    Marry = 2,
    Avoid = 3,
}

/// <summary>One participant's vote on one scenario: a row, never a counter, unique per pair.</summary>
public sealed class Vote
{
    /// <summary>The longest "why", in characters as people count them (an emoji is one).</summary>
    public const int MaxReasonLength = 280;

    /// <summary>Room in the column for <see cref="MaxReasonLength"/> characters of any script.</summary>
    public const int MaxReasonStorageLength = 1200;

    public Guid Id { get; set; }
    public Guid ScenarioId { get; set; }
    public Guid ParticipantId { get; set; }
    public Choice Choice { get; set; }
    public string? Reason { get; set; }
    public DateTime CastAt { get; set; }

    /// <summary>The facilitator hid the reason: it is shown nowhere, and left out of reports unless asked for.</summary>
    public bool ReasonHidden { get; set; }

    /// <summary>The facilitator put the reason on the projector.</summary>
    public bool ReasonSpotlighted { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>The session's vote sequence number when this choice was stored (see <see cref="Sessions.Session.VoteSequence"/>).</summary>
    public long Sequence { get; set; }
}
