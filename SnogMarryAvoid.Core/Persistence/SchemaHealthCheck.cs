using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SnogMarryAvoid.Core.Persistence;

/// <summary>
/// For readiness: healthy when every migration this build knows is applied, unhealthy naming the ones
/// that are not (with <c>Database:MigrateAtStartup</c> false, until someone applies <c>deploy/sql/</c>).
/// </summary>
public sealed class SchemaHealthCheck(IDbContextFactory<SnogDbContext> factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("schema up to date")
                : HealthCheckResult.Unhealthy($"migrations not applied: {string.Join(", ", pending)}");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("database unreachable", ex);
        }
    }
}
