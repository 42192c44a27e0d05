using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Components.Server.Circuits;
using SnogMarryAvoid.Core.Observability;
using SnogMarryAvoid.Core.Participants;

namespace SnogMarryAvoid.Web.Observability;

/// <summary>Open Blazor circuits on this server: projectors, consoles, reports (phone pages hold none).</summary>
public sealed class CircuitTally
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    public void Opened() => Interlocked.Increment(ref _open);

    public void Closed() => Interlocked.Decrement(ref _open);
}

/// <summary>Counts each circuit into the server's <see cref="CircuitTally"/>.</summary>
public sealed class CircuitCounter(CircuitTally tally) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        tally.Opened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        tally.Closed();
        return Task.CompletedTask;
    }
}

/// <summary>The gauges of <c>/metrics</c> that only the web host can see.</summary>
public sealed class LiveGauges
{
    public LiveGauges(SnogMetrics metrics, PresenceTracker presence, CircuitTally circuits)
    {
        metrics.Meter.CreateObservableGauge("sma.participants.connected", () => presence.Total, "{participant}",
            "Participants connected to this server now: hub connections in a room (phone pages and API clients).");
        metrics.Meter.CreateObservableGauge("sma.circuits", () => circuits.Open, "{circuit}",
            "Blazor circuits open on this server (projectors, consoles, reports).");
    }
}
