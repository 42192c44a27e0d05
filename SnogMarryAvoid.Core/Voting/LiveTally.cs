using SnogMarryAvoid.Core.Scenarios;

namespace SnogMarryAvoid.Core.Voting;

/// <summary>A vote a batch committed, as the tallies need it: whose, on what, which choice, with which sequence.</summary>
public readonly record struct CommittedVote(Guid ScenarioId, Guid ParticipantId, Choice Choice, long Sequence);

/// <summary>
/// A scenario as the batch that stored votes on it read it, in the same transaction: when it opened (a reset
/// and a new opening make it another round of voting), its state, and what of it the room may see.
/// </summary>
public sealed record ScenarioSnapshot(DateTime? OpenedAt, ScenarioState State, bool ShowResultsLive, bool AsksCamp, string? CampList)
{
    public bool VisibleToRoom => ResultsVisibility.ToRoom(ShowResultsLive, State);
}

/// <summary>
/// What one committed batch changed in one session: its block of the session's sequence numbers
/// (<see cref="First"/> to <see cref="Last"/>, every one of them a stored vote of this batch), the votes,
/// and the scenarios they are on. Blocks commit in sequence order: a batch takes its block by updating the
/// session's row, which it holds until its commit, so every number below <see cref="First"/> has committed.
/// </summary>
public sealed record CommittedBlock(Guid SessionId, long First, long Last, IReadOnlyList<CommittedVote> Votes, IReadOnlyDictionary<Guid, ScenarioSnapshot> Scenarios)
{
    /// <summary>When it committed (<see cref="TimeProvider.GetTimestamp"/>): the broadcast latency is measured from it.</summary>
    public long CommittedAt { get; init; }
}

/// <summary>
/// One scenario's tally kept in memory while it is voted on: every participant's latest choice with its
/// sequence number, and the counts. <see cref="Watermark"/>: every vote on it with a sequence number up to
/// this is counted (and perhaps a few later ones). Applying a vote is idempotent and order-free: a participant's
/// choice is replaced only by one with a higher sequence, so a vote read twice (from its batch and from the
/// database) counts once. The database stays the truth: a tally is built from it, caught up from it when
/// another server's votes come between two of this server's, and checked against it (<see cref="TallyBroadcaster"/>).
/// </summary>
public sealed class LiveTally(Guid scenarioId, DateTime? openedAt, long watermark)
{
    private readonly Dictionary<Guid, (Choice Choice, long Sequence)> _votes = [];
    private int _snog;
    private int _marry;
    private int _avoid;

    public Guid ScenarioId => scenarioId;

    /// <summary>The opening this tally counts; another opening (after a reset) is another tally.</summary>
    public DateTime? OpenedAt => openedAt;

    public long Watermark { get; private set; } = watermark;

    public int Voters => _votes.Count;

    public ScenarioResults Results => new(scenarioId, _snog, _marry, _avoid);

    /// <summary>Counts a participant's choice stored with <paramref name="sequence"/>, unless a later one of theirs is counted already.</summary>
    public void Apply(Guid participantId, Choice choice, long sequence)
    {
        if (_votes.TryGetValue(participantId, out var counted))
        {
            if (counted.Sequence >= sequence)
            {
                return;
            }

            Add(counted.Choice, -1);
        }

        _votes[participantId] = (choice, sequence);
        Add(choice, +1);
    }

    /// <summary>Every sequence number up to <paramref name="sequence"/> is now counted.</summary>
    public void CountedUpTo(long sequence) => Watermark = Math.Max(Watermark, sequence);

    private void Add(Choice choice, int delta)
    {
        switch (choice)
        {
            case Choice.Snog:
                _snog += delta;
                break;
            case Choice.Marry:
                _marry += delta;
                break;
            case Choice.Avoid:
                _avoid += delta;
                break;
        }
    }
}
