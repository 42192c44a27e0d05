using Microsoft.EntityFrameworkCore;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Reports;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Core.Sessions;

/// <summary>One scenario of the room's recap: the split, the verdict in words, and whether it divided the room most.</summary>
public sealed record RecapItem(ScenarioView Scenario, ScenarioResults Results, string VerdictText, bool MostDivided);

/// <summary>What the room decided, scenario by scenario, once the session has ended: the projector's last screen.</summary>
public sealed record RoomRecap(IReadOnlyList<RecapItem> Scenarios)
{
    /// <summary>
    /// The recap of every scenario whose split the room may see (<see cref="ResultsVisibility"/>: revealed,
    /// or voted on in a results-live session), in deck order, from one count over the votes; the most
    /// divided as <see cref="Polarisation.MostDivided"/> says. A scenario the facilitator closed without
    /// revealing stays unrevealed.
    /// </summary>
    internal static async Task<RoomRecap> LoadAsync(SnogDbContext db, IReadOnlyList<ScenarioView> deck, bool showResultsLive, CancellationToken ct)
    {
        var ran = deck.Where(s => s.State != ScenarioState.Pending && ResultsVisibility.ToRoom(showResultsLive, s.State)).ToList();
        var tallyOf = await Tallies.CountManyAsync(db, [.. ran.Select(s => s.Id)], ct);
        var results = ran.Select(s => tallyOf(s.Id)).ToList();
        var divided = Polarisation.MostDivided([.. results.Select(Polarisation.Of)]);
        return new RoomRecap([.. ran.Select((s, i) => new RecapItem(s, results[i], VerdictText.Of(results[i].Verdict), divided[i]))]);
    }

    /// <summary>On how many of the recap's scenarios the room's verdict was the participant's own choice (a split agrees with nobody).</summary>
    public int AgreedWith(IEnumerable<VoteReceipt> votes) =>
        votes.Count(v => Scenarios.FirstOrDefault(s => s.Scenario.Id == v.ScenarioId) is { } item && item.Results.Verdict == VerdictOf(v.Choice));

    private static Verdict VerdictOf(Choice choice) => choice switch
    {
        Choice.Snog => Verdict.Snog,
        Choice.Marry => Verdict.Marry,
        _ => Verdict.Avoid,
    };
}

/// <summary>
/// A participant's own end of the session: how many of the deck's scenarios they voted on, and on how
/// many of those the room's verdict was their choice.
/// </summary>
public sealed record ParticipantRecap(int Voted, int Scenarios, int AgreedWithTheRoom);
