using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SnogMarryAvoid.Core.Persistence;

/// <summary>Healthy when the database answers a query against the app's own tables.</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<SnogDbContext> factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            _ = await db.Sessions.AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy("database answers");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("database unreachable", ex);
        }
    }
}
