namespace SnogMarryAvoid.LoadTest;

// The hub's payloads as an outside client sees them (docs/realtime-api.md): only the fields the tool reads.
public sealed record ScenarioDto(Guid Id, int Order, int State);

public sealed record SnapshotDto(Guid SessionId, string JoinCode, int Phase, ScenarioDto? Current, int ScenarioCount, int Revision);

public sealed record JoinReplyDto(string ParticipantToken, Guid SessionId, SnapshotDto Snapshot);

public sealed record VoteReceiptDto(Guid ScenarioId, int Choice, long Sequence);

public sealed record ResultsDto(Guid ScenarioId, int Snog, int Marry, int Avoid)
{
    public int Total => Snog + Marry + Avoid;
}

public sealed record WatchReplyDto(SnapshotDto Snapshot, ResultsDto? Results, long LastSequence);

/// <summary>The parts of the server's JSON export the audit reads.</summary>
public sealed record ExportDto(List<ExportScenarioDto> Scenarios, List<ExportVoteDto> Votes);

public sealed record ExportScenarioDto(ExportScenarioRefDto Scenario, ExportResultsDto Results);

public sealed record ExportScenarioRefDto(int Order);

public sealed record ExportResultsDto(int Snog, int Marry, int Avoid);

public sealed record ExportVoteDto(int ScenarioOrder, string Choice, long Sequence);
