using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SnogMarryAvoid.Core.Persistence;

/// <summary>
/// Applies the engine's migrations before the server takes requests (hosted services start before
/// Kestrel). On SQLite it also switches the file to write-ahead logging, so readers never wait for
/// the writer.
/// </summary>
public sealed class DatabaseMigrator(IDbContextFactory<SnogDbContext> factory, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migration(s) on {Provider}: {Migrations}", pending.Count, db.Database.ProviderName, string.Join(", ", pending));
            }

            await db.Database.MigrateAsync(cancellationToken);
        });

        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
