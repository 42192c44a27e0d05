using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Core;

/// <summary>
/// The schema scripts in deploy/sql/ (for a change process in which the app never changes its own
/// schema, <c>Database:MigrateAtStartup=false</c>) are the migrations of this build, script for script.
/// </summary>
public sealed class SqlScriptsTests
{
    public static TheoryData<string> Providers => ["postgres", "sqlserver", "sqlite"];

    private static DbContext Context(string provider) => provider switch
    {
        "postgres" => new PostgresSnogDbContext(new DbContextOptionsBuilder<PostgresSnogDbContext>().UseNpgsql("Host=design;Database=design").Options),
        "sqlserver" => new SqlServerSnogDbContext(new DbContextOptionsBuilder<SqlServerSnogDbContext>().UseSqlServer("Server=design;Database=design").Options),
        _ => new SqliteSnogDbContext(new DbContextOptionsBuilder<SqliteSnogDbContext>().UseSqlite("Data Source=design.db").Options),
    };

    private static string Normal(string script) => script.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheShippedScript_IsCurrent(string provider)
    {
        using var db = Context(provider);
        // PostgreSQL and SQL Server scripts are idempotent (each migration guarded by the history table);
        // EF Core cannot make an idempotent SQLite script, so that one is for an empty database.
        var options = provider == "sqlite" ? MigrationsSqlGenerationOptions.Default : MigrationsSqlGenerationOptions.Idempotent;
        var expected = db.GetService<IMigrator>().GenerateScript(options: options);

        var shipped = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "deploy", "sql", provider + ".sql"));

        Normal(shipped).Should().Be(Normal(expected),
            $"deploy/sql/{provider}.sql must be regenerated after a migration: see docs/deploy.md, 'Migrations under change control'");
        db.Database.GetMigrations().Last().Should().NotBeNullOrEmpty();
        shipped.Should().Contain(db.Database.GetMigrations().Last(), "the script ends with this build's last migration");
    }
}

/// <summary>The PostgreSQL script on a real PostgreSQL, as the person in charge of the schema runs it.</summary>
public sealed class PostgresScriptTests
{
    [Fact]
    public async Task ThePostgresScript_RunsTwiceOnANewDatabase_AndAServerThatMayNotMigrate_IsThenReady()
    {
        var database = $"sma_script_{Guid.NewGuid():N}";
        await using (var server = new Npgsql.NpgsqlConnection(TestServices.PostgresConnectionString("postgres")))
        {
            await server.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {database}", server);
            await create.ExecuteNonQueryAsync();
        }

        var connection = TestServices.PostgresConnectionString(database);
        var script = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "deploy", "sql", "postgres.sql"));
        for (var run = 0; run < 2; run++)
        {
            // Idempotent: the second run finds every migration applied and changes nothing.
            await using var db = new Npgsql.NpgsqlConnection(connection);
            await db.OpenAsync();
            await using var apply = new Npgsql.NpgsqlCommand(script, db);
            await apply.ExecuteNonQueryAsync();
        }

        await using var app = new AppFactory(settings: new()
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = connection,
            ["Database:MigrateAtStartup"] = "false",
        });
        var ready = await app.CreateClient().GetAsync("/healthz/ready");

        ready.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, await ready.Content.ReadAsStringAsync());
        (await app.Core.Sessions.CreateAsync("On a schema applied by hand", SnogMarryAvoid.Core.Accounts.Actor.System)).Title.Should().Be("On a schema applied by hand");
    }
}
