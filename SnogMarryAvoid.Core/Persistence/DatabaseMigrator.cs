using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SnogMarryAvoid.Core.Persistence;

/// <summary>
/// Applies the engine's migrations before the server takes requests (hosted services start before
/// Kestrel), unless <c>Database:MigrateAtStartup</c> is false: then it only says which migrations are
/// still to apply, and <see cref="SchemaHealthCheck"/> keeps the server out of readiness until they are.
/// On SQLite it also switches the file to write-ahead logging, so readers never wait for the writer.
/// </summary>
public sealed class DatabaseMigrator(IDbContextFactory<SnogDbContext> factory, IOptions<DatabaseOptions> options, ILogger<DatabaseMigrator> logger) : IHostedService
{
    /// <summary>
    /// Brings the database up to date before the app takes any request. If the database cannot be
    /// reached or migrated, logs one clear line and throws <see cref="DatabaseUnavailableException"/>:
    /// the host then stops, and the app exits instead of running half-started.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await MigrateAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not DatabaseUnavailableException)
        {
            var provider = factory.CreateDbContext().Database.ProviderName;
            logger.LogCritical(ex, "The database could not be reached or brought up to date ({Provider}): {Reason}. The app stops; check Database:Provider and ConnectionStrings:Default.", provider, ex.GetBaseException().Message);
            throw new DatabaseUnavailableException($"The database ({provider}) could not be reached or brought up to date: {ex.GetBaseException().Message}", ex);
        }
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!options.Value.MigrateAtStartup)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogWarning("Database:MigrateAtStartup is false and {Count} migration(s) are not applied on {Provider}: {Migrations}. Apply deploy/sql/ first; until then /healthz/ready is unhealthy.", pending.Count, db.Database.ProviderName, string.Join(", ", pending));
            }

            return;
        }

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            if (db.Database.IsNpgsql())
            {
                // Npgsql reads the history table without asking whether it exists, and EF Core logs the refusal on a
                // new database as a failed command (npgsql/efcore.pg#3407): an error line on every first start. The
                // table is made first (CREATE TABLE IF NOT EXISTS, as the migration would; the database too, if it is not
                // there yet), so the log stays true.
                var creator = db.GetService<IRelationalDatabaseCreator>();
                if (!await creator.ExistsAsync(cancellationToken))
                {
                    await creator.CreateAsync(cancellationToken);
                }

                await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
            }

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

/// <summary>The database could not be reached or migrated at start-up; the app does not start.</summary>
public sealed class DatabaseUnavailableException(string message, Exception inner) : Exception(message, inner);
