using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SnogMarryAvoid.Core.Persistence;

/// <summary>The embedded default: a SQLite file in WAL mode.</summary>
/// <remarks>
/// dotnet ef migrations add NAME --project SnogMarryAvoid.Core --startup-project SnogMarryAvoid.Web
///   --context SqliteSnogDbContext --output-dir Persistence/Migrations/Sqlite
/// </remarks>
public sealed class SqliteSnogDbContext(DbContextOptions<SqliteSnogDbContext> options) : SnogDbContext(options);

/// <summary>SQL Server, the shared database the design card names.</summary>
/// <remarks>
/// dotnet ef migrations add NAME --project SnogMarryAvoid.Core --startup-project SnogMarryAvoid.Web
///   --context SqlServerSnogDbContext --output-dir Persistence/Migrations/SqlServer
/// </remarks>
public sealed class SqlServerSnogDbContext(DbContextOptions<SqlServerSnogDbContext> options) : SnogDbContext(options)
{
    protected internal override string ActiveSessionFilter => "[Phase] <> 2";
    protected internal override string OpenScenarioFilter => "[State] = 1";

    protected internal override FormattableString TakeVoteSequence(Guid sessionId, int count) =>
        $"UPDATE [Sessions] SET [VoteSequence] = [VoteSequence] + {count} OUTPUT INSERTED.[VoteSequence] AS [Value] WHERE [Id] = {sessionId}";
}

/// <summary>PostgreSQL, the shared database tested here.</summary>
/// <remarks>
/// dotnet ef migrations add NAME --project SnogMarryAvoid.Core --startup-project SnogMarryAvoid.Web
///   --context PostgresSnogDbContext --output-dir Persistence/Migrations/Postgres
/// </remarks>
public sealed class PostgresSnogDbContext(DbContextOptions<PostgresSnogDbContext> options) : SnogDbContext(options);

// Design-time factories: `dotnet ef` builds each context without a running server.
internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteSnogDbContext>
{
    public SqliteSnogDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSnogDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class SqlServerDesignFactory : IDesignTimeDbContextFactory<SqlServerSnogDbContext>
{
    public SqlServerSnogDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerSnogDbContext>().UseSqlServer("Server=design;Database=design").Options);
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresSnogDbContext>
{
    public PostgresSnogDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSnogDbContext>().UseNpgsql("Host=design;Database=design").Options);
}
