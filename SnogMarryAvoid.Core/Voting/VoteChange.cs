namespace SnogMarryAvoid.Core.Voting;

/// <summary>
/// One change of mind: a participant's vote on a scenario moved from one choice to another. Kept so
/// that reports can say how many switched, and from what to what; the vote row holds only the latest.
/// </summary>
public sealed class VoteChange
{
    public Guid Id { get; set; }
    public Guid ScenarioId { get; set; }
    public Guid ParticipantId { get; set; }
    public Choice From { get; set; }
    public Choice To { get; set; }
    public DateTime ChangedAt { get; set; }
}
