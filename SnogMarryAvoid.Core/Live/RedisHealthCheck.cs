using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SnogMarryAvoid.Core.Live;

/// <summary>
/// Degraded, not unhealthy, while Redis is away: the server still serves its own clients (a load
/// balancer should keep sending them), but servers cannot hear each other until Redis returns.
/// </summary>
public sealed class RedisHealthCheck(RedisSessionEvents events) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(events.IsConnected
            ? HealthCheckResult.Healthy("Redis connected")
            : HealthCheckResult.Degraded("Redis unreachable: live updates between servers are paused; this server still serves its own clients"));
}
