using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace SnogMarryAvoid.Core.Persistence;

/// <summary>
/// How services change the database: one context per operation, inside the engine's execution strategy
/// and a transaction. SQLite takes one writer at a time, so this process queues its writers in memory
/// rather than letting them spin on the database lock; server engines write concurrently.
/// </summary>
public sealed class DbWork(IDbContextFactory<SnogDbContext> factory)
{
    private readonly SemaphoreSlim _sqliteWriter = new(1, 1);

    /// <summary>
    /// Whether the contexts are SQLite's, learnt from the first: one process has one engine. EF Core's <c>IsSqlite</c>
    /// reads an assembly's name each time it is asked, which a calm vote's profile showed on every write.
    /// </summary>
    private int _engine; // 0: not yet known, 1: SQLite, 2: another engine

    private bool IsSqlite(SnogDbContext db)
    {
        if (_engine == 0)
        {
            _engine = db.Database.IsSqlite() ? 1 : 2;
        }

        return _engine == 1;
    }

    public async Task<SnogDbContext> ReadAsync(CancellationToken ct = default) =>
        await factory.CreateDbContextAsync(ct);

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction and commits it. A unique-index violation (from
    /// <c>SaveChanges</c> or a plain statement) or a concurrency-token conflict (two requests racing on the same
    /// row) is retried once in a fresh context, where the work sees the winner's change.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<SnogDbContext, Task<T>> work, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await InTransactionAsync(work, commit: true, ct);
            }
            catch (Exception ex) when (attempt == 1 && (ex is DbUpdateConcurrencyException || IsUniqueViolation(ex)))
            {
                // Someone else's change won the race: the second attempt starts from it.
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction, as a writer would, and rolls it back: nothing it
    /// writes is kept. For rehearsing a write path (its queries compiled, its code jitted) before the
    /// first real caller needs it.
    /// </summary>
    public Task<T> RehearseAsync<T>(Func<SnogDbContext, Task<T>> work, CancellationToken ct = default) =>
        InTransactionAsync(work, commit: false, ct);

    /// <summary>
    /// One writer's turn: a fresh context, this process's SQLite writer queue, the engine's execution
    /// strategy and a transaction, which is committed (with the context's changes) or rolled back.
    /// </summary>
    private async Task<T> InTransactionAsync<T>(Func<SnogDbContext, Task<T>> work, bool commit, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var gate = IsSqlite(db) ? _sqliteWriter : null;
        if (gate is not null)
        {
            await gate.WaitAsync(ct);
        }

        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            return await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var result = await work(db);
                if (commit)
                {
                    // Work that wrote in plain statements (the vote batch) leaves nothing tracked to save.
                    if (db.ChangeTracker.HasChanges())
                    {
                        await db.SaveChangesAsync(ct);
                    }

                    await tx.CommitAsync(ct);
                }
                else
                {
                    await tx.RollbackAsync(ct);
                }

                return result;
            });
        }
        finally
        {
            gate?.Release();
        }
    }

    /// <summary>
    /// Whether <paramref name="ex"/> is the engine refusing a duplicate in a unique index: from <c>SaveChanges</c>
    /// (a <see cref="DbUpdateException"/> around the engine's error) or from a plain statement (the engine's error itself).
    /// </summary>
    public static bool IsUniqueViolation(Exception ex) => (ex is DbUpdateException ? ex.InnerException : ex) switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        SqlException q => q.Number is 2601 or 2627,
        _ => false,
    };
}
