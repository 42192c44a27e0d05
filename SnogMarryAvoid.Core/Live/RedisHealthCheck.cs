using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SnogMarryAvoid.Core.Live;

/// <summary>
/// Degraded, not unhealthy, while Redis is away: the server still serves its own clients (a load
/// balancer should keep sending them), but servers cannot hear each other until Redis returns.
/// Without Redis (one server), there is nothing to check.
/// </summary>
public sealed class RedisHealthCheck(ISessionEvents events) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(events switch
        {
            RedisSessionEvents { IsConnected: false } => HealthCheckResult.Degraded("Redis unreachable: live updates between servers are paused; this server still serves its own clients"),
            RedisSessionEvents => HealthCheckResult.Healthy("Redis connected"),
            _ => HealthCheckResult.Healthy("one server: live events stay in this process"),
        });
}
