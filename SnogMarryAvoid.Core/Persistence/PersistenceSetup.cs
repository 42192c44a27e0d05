using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SnogMarryAvoid.Core.Settings;

namespace SnogMarryAvoid.Core.Persistence;

public static class PersistenceSetup
{
    public const string DefaultSqliteFile = "snogmarryavoid.db";

    /// <summary>
    /// A server engine's transient failures (a failover, a dropped connection, a deadlock victim) are
    /// retried by EF Core's execution strategy, a few times within seconds: every write is one unit of
    /// work inside that strategy (<see cref="DbWork"/>), so a retry repeats the whole unit.
    /// </summary>
    public const int RetryCount = 4;

    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Registers <see cref="IDbContextFactory{SnogDbContext}"/> for the engine that <see cref="DatabaseOptions"/>
    /// names (chosen when it is first needed, from validated settings), the migrator that runs at start-up,
    /// and <see cref="DbWork"/>. Without a connection string, SQLite uses a file in the data folder,
    /// <c>App_Data</c> under <paramref name="contentRoot"/> unless <c>DataFolder</c> says otherwise.
    /// Interceptors registered as <see cref="IInterceptor"/> are added to every context (tests count commands).
    /// Contexts are pooled: a vote, a join or a recount takes a context that is ready, instead of building its
    /// services anew each time (about a twentieth of the server's CPU per vote at a calm pace: docs/benchmarks.md).
    /// </summary>
    public static IServiceCollection AddSnogPersistence(this IServiceCollection services, string contentRoot)
    {
        services.AddSettings<DatabaseOptions>();
        services.AddPooledDbContextFactory<SqliteSnogDbContext>((sp, o) => o
            .UseSqlite(SqliteConnectionString(Options(sp).ConnectionString, DataFolder(Options(sp), contentRoot)), sqlite => sqlite.UseParameterizedCollectionMode(CollectionMode))
            .AddInterceptors(sp.GetServices<IInterceptor>()));
        services.AddPooledDbContextFactory<SqlServerSnogDbContext>((sp, o) => o
            .UseSqlServer(Options(sp).ConnectionString, server => server.EnableRetryOnFailure(RetryCount, RetryDelay, errorNumbersToAdd: null).UseParameterizedCollectionMode(CollectionMode))
            .AddInterceptors(sp.GetServices<IInterceptor>()));
        services.AddPooledDbContextFactory<PostgresSnogDbContext>((sp, o) => o
            .UseNpgsql(Options(sp).ConnectionString, server => server.EnableRetryOnFailure(RetryCount, RetryDelay, errorCodesToAdd: null).UseParameterizedCollectionMode(CollectionMode))
            .AddInterceptors(sp.GetServices<IInterceptor>()));
        services.AddSingleton<IDbContextFactory<SnogDbContext>>(sp => Options(sp).Provider switch
        {
            DatabaseProvider.SqlServer => new Narrowing<SqlServerSnogDbContext>(sp.GetRequiredService<IDbContextFactory<SqlServerSnogDbContext>>()),
            DatabaseProvider.Postgres => new Narrowing<PostgresSnogDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresSnogDbContext>>()),
            _ => new Narrowing<SqliteSnogDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteSnogDbContext>>()),
        });

        services.TryAddSingleton<DbWork>();
        services.AddHostedService<DatabaseMigrator>();
        return services;
    }

    /// <summary>
    /// A list in a query (<c>ids.Contains(x)</c>) is one array-like parameter (<c>json_each</c> on SQLite,
    /// <c>= ANY</c> on PostgreSQL, <c>OPENJSON</c> on SQL Server 2016 and newer), as before EF Core 10, whose default
    /// is one parameter per item: its SQL then depends on the list's length, so EF Core built it anew for every batch of
    /// votes, its reads being compiled queries (4–5 % of the server's CPU at a calm pace: docs/benchmarks.md).
    /// </summary>
    public const ParameterTranslationMode CollectionMode = ParameterTranslationMode.Parameter;

    /// <summary>The data folder: <c>DataFolder</c> resolved against the app's folder, or <c>App_Data</c> in it.</summary>
    public static string DataFolder(DatabaseOptions options, string contentRoot) =>
        options.DataFolder is { Length: > 0 } configured ? Path.GetFullPath(configured, contentRoot) : Path.Combine(contentRoot, "App_Data");

    /// <summary>The SQLite connection string: the configured one, or a file under the data folder, whose folder is created.</summary>
    public static string SqliteConnectionString(string? configured, string dataFolder)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured)
            ? $"Data Source={Path.Combine(dataFolder, DefaultSqliteFile)}"
            : configured);
        if (builder.Mode != SqliteOpenMode.Memory && !builder.DataSource.StartsWith(':'))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        builder.Pooling = true;
        return builder.ToString();
    }

    private static DatabaseOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<DatabaseOptions>>().Value;

    /// <summary>Hands out the engine's derived context as the base type the services use.</summary>
    private sealed class Narrowing<TDerived>(IDbContextFactory<TDerived> inner) : IDbContextFactory<SnogDbContext>
        where TDerived : SnogDbContext
    {
        public SnogDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<SnogDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }
}
