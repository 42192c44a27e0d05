using Microsoft.Extensions.Time.Testing;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Tests.Core;

/// <summary>The console's "votes in the last minute".</summary>
public class VotePaceTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private static readonly Guid Scenario = Guid.NewGuid();

    private static ScenarioResults Tally(int total, Guid? scenario = null) => new(scenario ?? Scenario, total, 0, 0);

    [Fact]
    public void CountsTheVotesAddedInTheLastMinute_AndFallsWhenVotesStop()
    {
        var pace = new VotePace(_clock);
        pace.Observe(Tally(0));
        _clock.Advance(TimeSpan.FromSeconds(10));
        pace.Observe(Tally(6));
        _clock.Advance(TimeSpan.FromSeconds(20));
        pace.Observe(Tally(9));

        pace.PerMinute(Scenario).Should().Be(9);

        _clock.Advance(TimeSpan.FromSeconds(45));
        pace.PerMinute(Scenario).Should().Be(3, "the six votes of the first ten seconds are more than a minute old");
        _clock.Advance(TimeSpan.FromMinutes(1));
        pace.PerMinute(Scenario).Should().Be(0, "nothing came in for a minute");
    }

    [Fact]
    public void VotesCastBeforeTheConsoleWatched_AreNoBurst_AndAnotherScenarioStartsAfresh()
    {
        var pace = new VotePace(_clock);
        pace.Observe(Tally(40));
        pace.PerMinute(Scenario).Should().Be(0);
        _clock.Advance(TimeSpan.FromSeconds(5));
        pace.Observe(Tally(42));
        pace.PerMinute(Scenario).Should().Be(2);

        var next = Guid.NewGuid();
        pace.Observe(Tally(1, next));
        pace.PerMinute(next).Should().Be(0);
        pace.PerMinute(Scenario).Should().Be(0, "it is no longer the scenario being followed");
        pace.PerMinute(null).Should().Be(0);
    }
}
