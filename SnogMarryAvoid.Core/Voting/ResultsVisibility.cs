using SnogMarryAvoid.Core.Scenarios;

namespace SnogMarryAvoid.Core.Voting;

/// <summary>
/// Whether the room may see a scenario's split: once it is revealed, or at any time in a session that
/// shows results live. Reveal-only is the default, so that early votes do not herd the room. The one
/// place the rule is written: results events, a participant's request and the room's view use it.
/// </summary>
public static class ResultsVisibility
{
    public static bool ToRoom(bool showResultsLive, ScenarioState state) => showResultsLive || state == ScenarioState.Revealed;
}
