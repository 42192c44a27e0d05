using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Core.Reports;

/// <summary>People who ended on a different choice from their first: "3 moved from avoid to snog".</summary>
public sealed record SwitchCount(Choice From, Choice To, int Count);

public static class Switches
{
    /// <summary>
    /// Net moves per participant: from the choice they first made to the one they ended with. Someone
    /// who changed and came back did not move; someone who changed twice moved once, first to last.
    /// </summary>
    public static IReadOnlyList<SwitchCount> Count(IEnumerable<VoteChange> changes, IReadOnlyDictionary<Guid, Choice> finalChoices) =>
        changes
            .GroupBy(c => c.ParticipantId)
            .Select(g => (From: g.OrderBy(c => c.ChangedAt).First().From, To: finalChoices.GetValueOrDefault(g.Key)))
            .Where(m => m.To != default && m.From != m.To)
            .GroupBy(m => m)
            .Select(g => new SwitchCount(g.Key.From, g.Key.To, g.Count()))
            .OrderByDescending(s => s.Count).ThenBy(s => s.From).ThenBy(s => s.To)
            .ToList();
}
