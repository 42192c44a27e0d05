using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Tests.Core;

public class ScenarioResultsTests
{
    [Theory]
    [InlineData(5, 2, 1, Verdict.Snog)]
    [InlineData(1, 7, 3, Verdict.Marry)]
    [InlineData(0, 0, 1, Verdict.Avoid)]
    [InlineData(3, 3, 1, Verdict.Split)]
    [InlineData(2, 2, 2, Verdict.Split)]
    [InlineData(0, 4, 4, Verdict.Split)]
    [InlineData(0, 0, 0, Verdict.None)]
    public void Verdict_IsThePluralityAndATieIsSplit(int snog, int marry, int avoid, Verdict expected)
    {
        new ScenarioResults(Guid.NewGuid(), snog, marry, avoid).Verdict.Should().Be(expected);
    }

    [Theory]
    [InlineData(1, 1, 1, 34, 33, 33)]
    [InlineData(2, 1, 0, 67, 33, 0)]
    [InlineData(1, 0, 0, 100, 0, 0)]
    [InlineData(0, 0, 0, 0, 0, 0)]
    [InlineData(1, 1, 5, 14, 14, 72)]
    public void Percent_RoundsSoTheFiguresAddUpTo100(int snog, int marry, int avoid, int pSnog, int pMarry, int pAvoid)
    {
        var results = new ScenarioResults(Guid.NewGuid(), snog, marry, avoid);

        results.Percent(Choice.Snog).Should().Be(pSnog);
        results.Percent(Choice.Marry).Should().Be(pMarry);
        results.Percent(Choice.Avoid).Should().Be(pAvoid);
        (results.SnogPercent, results.MarryPercent, results.AvoidPercent).Should().Be((pSnog, pMarry, pAvoid), "clients read the same figures");
        results.Total.Should().Be(snog + marry + avoid);
    }
}
