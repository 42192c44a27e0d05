using SnogMarryAvoid.LoadTest;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Load;

/// <summary>
/// A small run of the load tool against a real server: 200 phones over WebSockets, two scenarios,
/// changes of mind and retries; and one phone's first load in Chromium. It asserts correctness only
/// (nothing lost, nothing duplicated, tallies agree); the tool's timings are measured in
/// docs/benchmarks.md, never asserted.
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
        report.OpeningToPhoneMs!.Count.Should().Be(400, "each phone's moment of being shown each scenario is read");
        report.OpeningToPhoneMs.P50.Should().BePositive();
        report.ShownVoteToProjectorMs!.Count.Should().BeInRange(1, report.VoteToProjectorMs.Count, "the votes sent once shown are some of all the votes");
        table.Should().Contain("| opening → phone shown it (ms) |").And.Contain("votes sent before their phone was shown the scenario");
        report.Passed.Should().BeTrue(table);
    }

    /// <summary>
    /// The phones spread over two worker processes of the tool, leaving from two local addresses, at a calm pace:
    /// the same audit holds across processes (their votes, sequences and clocks are put together), and the run
    /// reports the join ramp, the server's memory per phone, after the phones left, and its CPU per vote (figures not asserted).
    /// </summary>
    [Fact]
    public async Task TwoProcesses_FromTwoLocalAddresses_AtACalmPace_NothingLost_AndTheCostsAreReported()
    {
        string[] args =
        [
            "--url", _app.BaseUrl, "--participants", "120", "--processes", "2", "--source-addresses", "127.0.0.2,127.0.0.3",
            "--calm-interval-ms", "20", "--scenarios", "1", "--projectors", "1", "--settle-seconds", "1", "--after-leave-seconds", "1", "--max-seconds", "120", "--quiet",
            "--email", "load@example.org", "--password", AppFactory.FacilitatorPassword,
            "--server-pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ];
        using var output = new StringWriter();

        var report = await new LoadRun(LoadOptions.Parse(args), output, args).RunAsync();

        var table = report.Table();
        report.Passed.Should().BeTrue(table);
        report.Connected.Should().Be(120);
        report.Audit!.Stored.Should().Be(120, "each phone votes once at a calm pace");
        report.JoinSeconds.Should().BeGreaterThan(0);
        report.OpeningToPhoneMs!.Count.Should().Be(120, "the workers' phones say when they were shown the scenario");
        var cost = report.Costs.Should().ContainSingle().Which;
        cost.CpuMsPerVote.Should().BePositive();
        cost.Opening!.WallSeconds.Should().BeGreaterThanOrEqualTo(1, "at a calm pace the opening's window waits a second for the pages");
        cost.Closing!.WallSeconds.Should().BeGreaterThanOrEqualTo(1);
        cost.Voting!.Seconds.Should().BePositive("the server spends CPU on the votes");
        cost.CpuSeconds.Should().BeApproximately(cost.Opening.Seconds + cost.Voting.Seconds + cost.Closing.Seconds, 1e-9);
        report.IdleReadings.Should().HaveCount(5, "idle is read five times before the first scenario")
            .And.Contain(report.IdleCpuPerSecond!.Value, "and is their median");
        report.Servers.Should().ContainSingle().Which.RssPhonesIdleBytes.Should().BePositive();
        report.Servers.Single().RssAfterLeaveBytes.Should().BePositive("the memory is read again after the phones left");
        table.Should().Contain("| join ramp |").And.Contain("server CPU idle, everything open").And.Contain("ms a vote").And.Contain("voting alone").And.Contain("opening and closing");
        LoadTestProgram.Json(report).Should().Contain("\"127.0.0.3\"", "--json writes the run's options, its source addresses too");
    }

    /// <summary>
    /// The first-load mode measures a real phone on each network and reports every run. What it asserts is
    /// that the tool works, not how fast the app is: the vote is confirmed, the bytes are counted, and the
    /// shaped link really slows the page by its round trips (the page cannot be ready before six of them).
    /// </summary>
    [Fact]
    public async Task PhoneFirstLoad_MeasuresARealPhone_OnEachNetwork()
    {
        var options = LoadOptions.Parse(
        [
            "--phone-first-load", "--runs", "1", "--url", _app.BaseUrl, "--max-seconds", "120", "--quiet",
            "--email", "load@example.org", "--password", AppFactory.FacilitatorPassword, "--chromium", TestServices.ChromiumPath,
        ]);
        using var output = new StringWriter();

        var report = await new PhoneFirstLoad(options, output).RunAsync();

        report.Runs.Select(r => r.Network).Should().Equal(FirstLoadNetwork.Loopback, FirstLoadNetwork.Chromium4G, FirstLoadNetwork.ShapedLink);
        report.Runs.Should().OnlyContain(r => r.CanVoteMs > 0 && r.TapToConfirmedMs > 0 && r.HttpBytes > 10_000 && r.WebSocketFrameBytes > 0 && r.Requests >= 4);
        report.Runs.Single(r => r.Network == FirstLoadNetwork.ShapedLink).CanVoteMs.Should().BeGreaterThan(6 * PhoneFirstLoad.RoundTripMs);
        report.Table().Should().Contain("| ShapedLink |");
    }

    [Theory]
    [InlineData("--runs", "0", "--runs is 1 to 50.")]
    [InlineData("--participants", "0", "--participants is 1 to 100,000.")]
    [InlineData("--scenarios", "11", "--scenarios is 1 to 10 (the built-in deck).")]
    [InlineData("--bogus", "1", "Unknown option --bogus.")]
    [InlineData("--processes", "0", "--processes is 1 to 16, and at most --participants.")]
    [InlineData("--calm-interval-ms", "0", "--calm-interval-ms is 1 to 60,000.")]
    [InlineData("--after-leave-seconds", "-1", "--after-leave-seconds is 0 to 600.")]
    public void BadOptions_AreExplained(string option, string value, string message)
    {
        var parse = () => LoadOptions.Parse([option, value, "--email", "x@example.org", "--password", "p"]);

        parse.Should().Throw<ArgumentException>().WithMessage(message);
    }
}
