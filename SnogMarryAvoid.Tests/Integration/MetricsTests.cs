using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Hubs;

namespace SnogMarryAvoid.Tests.Integration;

/// <summary>
/// Alone, not beside other tests: OpenTelemetry listens to meters by name across the process, so
/// another test's server in the same process would add its votes to these counts.
/// </summary>
[CollectionDefinition(nameof(MetricsTests), DisableParallelization = true)]
public sealed class MetricsCollection;

[Collection(nameof(MetricsTests))]
public sealed class MetricsTests : IAsyncLifetime
{
    private const string Token = "a-scraper-token-of-some-length";

    private readonly AppFactory _app = new(settings: new() { ["Metrics:Token"] = Token });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static double Value(string metrics, string name) =>
        Regex.Match(metrics, $@"^{name}(?:\{{[^}}]*\}})? ([0-9.eE+-]+)", RegexOptions.Multiline) is { Success: true } m
            ? double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"{name} is not in /metrics:\n{metrics}");

    [Fact]
    public async Task Metrics_InPrometheusFormat_CountVotesConnectedParticipantsAndBroadcastLatency()
    {
        var (session, scenarios) = await _app.Core.LiveSessionAsync(1, owner: Actor.System);
        await _app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, Actor.System);
        await using var phone = _app.HubClient();
        await phone.StartAsync();
        await phone.InvokeAsync<JoinReply>("Join", session.JoinCode, null);
        await phone.InvokeAsync<VoteReceipt>("Vote", scenarios[0].Id, Choice.Snog);
        await phone.InvokeAsync<VoteReceipt>("Vote", scenarios[0].Id, Choice.Marry);
        await phone.InvokeAsync<VoteReceipt>("Vote", scenarios[0].Id, Choice.Marry);
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Token);

        string metrics = "";
        for (var attempt = 0; attempt < 50 && !metrics.Contains("sma_broadcast_latency", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(100);
            metrics = await client.GetStringAsync("/metrics");
        }

        Value(metrics, "sma_votes_total").Should().Be(2, "a change of mind is a stored vote; a repeat is not");
        Value(metrics, "sma_participants_connected").Should().Be(1);
        Value(metrics, "sma_circuits").Should().Be(0);
        Value(metrics, "sma_broadcast_latency_milliseconds_count").Should().BeGreaterThanOrEqualTo(1);
        metrics.Should().Contain("# TYPE sma_votes_total counter");
    }
}

/// <summary>Where <c>/metrics</c> answers: nowhere on the public port by default; with the token; on its own port.</summary>
public sealed class MetricsPlacementTests
{
    [Fact]
    public async Task ByDefault_MetricsAreNotOnThePublicPort()
    {
        await using var app = new AppFactory();

        var response = await app.CreateClient().GetAsync("/metrics");

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("sma_");
    }

    [Fact]
    public async Task WithAToken_OnlyARequestCarryingItReadsThem()
    {
        await using var app = new AppFactory(settings: new() { ["Metrics:Token"] = "the-right-token-for-scraping" });
        var client = app.CreateClient();

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new("Bearer", "the-wrong-token-for-scraping") } };
        using var right = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new("Bearer", "the-right-token-for-scraping") } };

        (await client.GetAsync("/metrics")).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        (await client.SendAsync(wrong)).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        var answered = await client.SendAsync(right);
        answered.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        (await answered.Content.ReadAsStringAsync()).Should().Contain("# TYPE");
    }

    [Fact]
    public async Task WithAPort_TheyAreServedThere_AndNotOnTheAppsOwnPort()
    {
        var port = AppFactory.FreePort();
        await using var server = await ServerProcess.StartAsync(new() { ["Metrics__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        using var http = new HttpClient();

        (await http.GetAsync($"{server.Url}/metrics")).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        (await http.GetStringAsync($"http://127.0.0.1:{port}/metrics")).Should().Contain("# TYPE");
        (await http.GetAsync($"{server.Url}/healthz")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK, "the app's own address still serves the app");
        (await http.GetAsync($"http://127.0.0.1:{port}/healthz")).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound, "the metrics port serves metrics and nothing else");
        (await http.GetAsync($"http://127.0.0.1:{port}/join")).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public void AShortToken_IsRefused_NamingTheKey() =>
        new SnogMarryAvoid.Web.Observability.MetricsSettings { Token = "short" }.Problems().Should().ContainSingle()
            .Which.Should().StartWith("Metrics:Token is too short");
}
