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
    public void AnotherFigure_IsSummedUpTheSameWay()
    {
        var costs = new[] { 40.0, 25.0, 30.0, 20.0 }.Select((ms, i) => Cost(i + 1, 5.0) with { ChangesMs = ms });

        CpuSummary.Of(costs, c => c.ChangesMs).Should().Be(new CpuSummary(3, 25.0, 20.0, 30.0));
    }

    [Fact]
    public void AScenariosCost_IsItsThreeWindows_AndAboveIdle_TakesOffWhatEachWindowWouldHaveCostIdle()
    {
        // 1.2 s to open (50 ms of CPU), 10 s of 100 votes (500 ms), 1.3 s to close (30 ms); idle is 10 ms a second.
        var cost = ScenarioCost.Of(2, 100, new CpuSpent(0.050, 1.2), new CpuSpent(0.500, 10), new CpuSpent(0.030, 1.3), idlePerSecond: 0.010);

        cost.CpuSeconds.Should().BeApproximately(0.580, 1e-9);
        cost.WallSeconds.Should().BeApproximately(12.5, 1e-9);
        cost.CpuMsPerVote.Should().BeApproximately(5.80, 1e-9);
        cost.NetCpuMsPerVote.Should().BeApproximately(4.55, 1e-9, "580 ms less 125 ms idle, over 100 votes");
        cost.VotingMsPerVote.Should().BeApproximately(4.00, 1e-9, "500 ms less 100 ms idle, over 100 votes");
        cost.ChangesMs.Should().BeApproximately(55.0, 1e-9, "(50 − 12) + (30 − 13) ms");
    }

    [Fact]
    public void WithoutAnIdleFigure_TheWindowsCountWhole_AndAWindowNeverGoesBelowNothing()
    {
        var whole = ScenarioCost.Of(1, 10, new CpuSpent(0.020, 0), new CpuSpent(0.100, 1), new CpuSpent(0.010, 0), idlePerSecond: null);
        whole.NetCpuMsPerVote.Should().BeNull();
        whole.VotingMsPerVote.Should().BeApproximately(10.0, 1e-9);
        whole.ChangesMs.Should().BeApproximately(30.0, 1e-9);

        new CpuSpent(0.005, 1).AboveIdle(0.010).Should().Be(0);
        ScenarioCost.Of(1, 0, new CpuSpent(0, 1), new CpuSpent(0, 1), new CpuSpent(0, 1), 0.01).CpuMsPerVote.Should().BeNull("no votes, no figure a vote");
    }

    [Fact]
    public void TheIdleRate_IsTheMedianOfItsReadings_SoOneBusyReadingDoesNotMoveIt()
    {
        // Five readings of 2 s: 5, 6, 7 and 5.5 ms a second, and one with a collection in it (40 ms a second).
        CpuSpent[] readings = [new(0.010, 2), new(0.012, 2), new(0.080, 2), new(0.014, 2), new(0.011, 2)];

        CpuSpent.MedianRate(readings).Should().BeApproximately(0.006, 1e-9);
        CpuSpent.MedianRate([new(0.010, 2), new(0.030, 2)]).Should().BeApproximately(0.010, 1e-9, "an even count takes the mean of the middle two");
        CpuSpent.MedianRate([]).Should().BeNull();
        new CpuSpent(0.010, 0).PerSecond.Should().Be(0, "a window of no time has no rate");
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
