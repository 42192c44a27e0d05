using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SnogMarryAvoid.Core.Persistence;

public static class PersistenceSetup
{
    public const string DefaultSqliteFile = "snogmarryavoid.db";

    /// <summary>
    /// Registers <see cref="IDbContextFactory{SnogDbContext}"/> for the engine named by
    /// <c>Database:Provider</c>, the migrator that runs at start-up, and <see cref="DbWork"/>.
    /// Without <c>ConnectionStrings:Default</c>, SQLite uses a file in <paramref name="dataFolder"/>.
    /// </summary>
    public static IServiceCollection AddSnogPersistence(this IServiceCollection services, IConfiguration configuration, string dataFolder)
    {
        var options = configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString("Default");

        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = SqliteConnectionString(connectionString, dataFolder);
                services.AddDbContextFactory<SqliteSnogDbContext>(o => o.UseSqlite(sqlite));
                services.AddSingleton<IDbContextFactory<SnogDbContext>, Narrowing<SqliteSnogDbContext>>();
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContextFactory<SqlServerSnogDbContext>(o => o.UseSqlServer(Required(connectionString, options.Provider)));
                services.AddSingleton<IDbContextFactory<SnogDbContext>, Narrowing<SqlServerSnogDbContext>>();
                break;
            case DatabaseProvider.Postgres:
                services.AddDbContextFactory<PostgresSnogDbContext>(o => o.UseNpgsql(Required(connectionString, options.Provider)));
                services.AddSingleton<IDbContextFactory<SnogDbContext>, Narrowing<PostgresSnogDbContext>>();
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not one of Sqlite, SqlServer, Postgres.");
        }

        services.TryAddSingleton<DbWork>();
        services.AddHostedService<DatabaseMigrator>();
        return services;
    }

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

    private static string Required(string? connectionString, DatabaseProvider provider) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException($"Database:Provider is {provider}, so ConnectionStrings:Default must be set.")
            : connectionString;

    /// <summary>Hands out the engine's derived context as the base type the services use.</summary>
    private sealed class Narrowing<TDerived>(IDbContextFactory<TDerived> inner) : IDbContextFactory<SnogDbContext>
        where TDerived : SnogDbContext
    {
        public SnogDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<SnogDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }
}
