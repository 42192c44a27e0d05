using SnogMarryAvoid.LoadTest;

namespace SnogMarryAvoid.Tests.Load;

/// <summary>The calm-pace figure is a median of the scenarios after the first: one scenario alone is too noisy to compare builds.</summary>
public class CpuSummaryTests
{
    private static ScenarioCost Cost(int scenario, double? msPerVote) => new(scenario, 100, msPerVote / 10, 10, msPerVote, null);

    [Fact]
    public void TheFirstScenarioIsLeftOut_AndTheMedianOfTheRestIsGiven_WithTheirRange()
    {
        var summary = CpuSummary.Of([Cost(3, 5.0), Cost(1, 15.0), Cost(2, 7.0), Cost(4, 9.0)]);

        summary.Should().Be(new CpuSummary(3, 7.0, 5.0, 9.0));
    }

    [Fact]
    public void AnEvenCount_TakesTheMeanOfTheMiddleTwo_AndScenariosWithoutAFigureAreLeftOut()
    {
        var summary = CpuSummary.Of([Cost(1, 15.0), Cost(2, 6.0), Cost(3, null), Cost(4, 8.0), Cost(5, 5.0), Cost(6, 9.0)]);

        summary.Should().Be(new CpuSummary(4, 7.0, 5.0, 9.0));
    }

    [Fact]
    public void FewerThanTwoScenariosAfterTheWarmUp_GiveNoSummary()
    {
        CpuSummary.Of([Cost(1, 15.0), Cost(2, 6.0)]).Should().BeNull();
        CpuSummary.Of([]).Should().BeNull();
    }
}
