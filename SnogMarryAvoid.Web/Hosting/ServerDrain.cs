using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SnogMarryAvoid.Web.Hosting;

/// <summary>
/// Whether this server is stopping: from the moment the host is asked to stop (SIGTERM, Ctrl+C), it
/// answers <c>/healthz/ready</c> with 503 so that a balancer or orchestrator sends new clients elsewhere.
/// </summary>
public sealed class ServerDrain
{
    private volatile bool _draining;

    public ServerDrain(IHostApplicationLifetime lifetime) => lifetime.ApplicationStopping.Register(Start);

    public bool IsDraining => _draining;

    /// <summary>From now on the server takes nothing new.</summary>
    public void Start() => _draining = true;
}

/// <summary>Readiness turns unhealthy while the server drains.</summary>
public sealed class DrainHealthCheck(ServerDrain drain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drain.IsDraining
            ? HealthCheckResult.Unhealthy("stopping: finishing what is in flight, taking nothing new")
            : HealthCheckResult.Healthy("taking clients"));
}
