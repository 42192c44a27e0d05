namespace SnogMarryAvoid.Core.Voting;

/// <summary>
/// How fast votes are coming in on the current scenario: how many more votes it has now than a minute ago
/// (a change of mind is not a new vote). Fed with every tally the console receives; a new scenario starts
/// again from its own first tally, so votes cast before the console was watching are not counted as a burst.
/// </summary>
public sealed class VotePace(TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly List<(DateTime At, int Total)> _samples = [];
    private Guid? _scenarioId;

    public void Observe(ScenarioResults? results)
    {
        if (results is null)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (results.ScenarioId != _scenarioId)
        {
            _samples.Clear();
            _scenarioId = results.ScenarioId;
        }

        _samples.Add((now, results.Total));

        // Keep one sample at or before the window's start: it is the count a minute ago.
        while (_samples.Count > 2 && _samples[1].At <= now - Window)
        {
            _samples.RemoveAt(0);
        }
    }

    /// <summary>Votes added in the last minute on <paramref name="scenarioId"/>; 0 for any other scenario.</summary>
    public int PerMinute(Guid? scenarioId)
    {
        if (scenarioId is null || scenarioId != _scenarioId || _samples.Count == 0)
        {
            return 0;
        }

        var start = clock.GetUtcNow().UtcDateTime - Window;
        var baseline = _samples.LastOrDefault(s => s.At <= start, _samples[0]);
        return Math.Max(0, _samples[^1].Total - baseline.Total);
    }
}
