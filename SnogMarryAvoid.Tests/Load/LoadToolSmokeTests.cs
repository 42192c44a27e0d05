using SnogMarryAvoid.LoadTest;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Load;

/// <summary>
/// A small run of the load tool against a real server: 200 phones over WebSockets, two scenarios,
/// changes of mind and retries. It asserts correctness only (nothing lost, nothing duplicated,
/// tallies agree); the tool's timings are measured in docs/benchmarks.md, never asserted.
/// </summary>
public sealed class LoadToolSmokeTests : IAsyncLifetime
{
    private readonly AppFactory _app = new(realPort: true);

    public async ValueTask InitializeAsync() => await _app.CreateFacilitatorAsync("load@example.org");

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task TwoHundredPhones_TwoScenarios_NothingLostOrDuplicated_AndTalliesAgree()
    {
        var options = LoadOptions.Parse(
        [
            "--url", _app.BaseUrl, "--participants", "200", "--burst-seconds", "5", "--scenarios", "2", "--projectors", "2",
            "--change-share", "0.2", "--retry-share", "0.1", "--max-seconds", "120", "--quiet",
            "--email", "load@example.org", "--password", AppFactory.FacilitatorPassword,
            "--server-pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ]);
        using var output = new StringWriter();

        var report = await new LoadRun(options, output).RunAsync();

        var table = report.Table();
        report.Connected.Should().Be(200, table);
        report.VotesRefused.Should().Be(0, table);
        report.Audit.Should().NotBeNull();
        report.Audit!.Lost.Should().Be(0, table);
        report.Audit.Duplicates.Should().Be(0, table);
        report.Audit.Stored.Should().Be(400, "one row per participant and scenario");
        report.Audit.RetriesKeptTheirSequence.Should().BeTrue();
        report.Audit.Tallies.Should().OnlyContain(t => t.Matches, table);
        report.VoteToProjectorMs.Count.Should().BeGreaterThan(0, "the projectors saw the votes");
        report.Passed.Should().BeTrue(table);
    }

    [Theory]
    [InlineData("--participants", "0", "--participants is 1 to 100,000.")]
    [InlineData("--scenarios", "11", "--scenarios is 1 to 10 (the built-in deck).")]
    [InlineData("--bogus", "1", "Unknown option --bogus.")]
    public void BadOptions_AreExplained(string option, string value, string message)
    {
        var parse = () => LoadOptions.Parse([option, value, "--email", "x@example.org", "--password", "p"]);

        parse.Should().Throw<ArgumentException>().WithMessage(message);
    }
}
