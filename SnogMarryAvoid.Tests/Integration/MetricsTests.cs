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
    private readonly AppFactory _app = new();

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
