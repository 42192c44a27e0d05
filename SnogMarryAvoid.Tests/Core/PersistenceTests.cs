using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Core;

public class PersistenceTests
{
    public static TheoryData<string> Engines => ["Sqlite", "SqlServer", "Postgres"];

    private static SnogDbContext DesignContext(string engine) => engine switch
    {
        "Sqlite" => new SqliteSnogDbContext(new DbContextOptionsBuilder<SqliteSnogDbContext>().UseSqlite("Data Source=:memory:").Options),
        "SqlServer" => new SqlServerSnogDbContext(new DbContextOptionsBuilder<SqlServerSnogDbContext>().UseSqlServer("Server=none;Database=none").Options),
        _ => new PostgresSnogDbContext(new DbContextOptionsBuilder<PostgresSnogDbContext>().UseNpgsql("Host=none;Database=none").Options),
    };

    [Theory]
    [MemberData(nameof(Engines))]
    public void Migrations_MatchTheModel_ForEveryEngine(string engine)
    {
        using var db = DesignContext(engine);

        db.Database.HasPendingModelChanges().Should().BeFalse($"the {engine} migrations must be regenerated after a model change");
        db.Database.GetMigrations().Should().NotBeEmpty();
    }

    [Fact]
    public void SqlServer_IdempotentScript_Generates()
    {
        using var db = DesignContext("SqlServer");

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        script.Should().Contain("IF NOT EXISTS").And.Contain("WHERE [MigrationId] = N'");
        script.Should().Contain("CREATE TABLE [Votes]");
        script.Should().Contain("CREATE UNIQUE INDEX [IX_Votes_ScenarioId_ParticipantId]");
        script.Should().Contain("WHERE [State] = 1");
    }

    [Fact]
    public async Task Sqlite_DefaultFile_IsCreatedInTheDataFolderInWalMode()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sma-tests", Guid.NewGuid().ToString("N"), "nested");
        await using var core = await TestCore.CreateAsync(new() { ["Database:Provider"] = "Sqlite" }, folder);

        await using var ctx = await core.Db.ReadAsync();
        var mode = await ctx.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync();

        File.Exists(Path.Combine(folder, PersistenceSetup.DefaultSqliteFile)).Should().BeTrue();
        mode.Should().Equal("wal");
    }

    /// <summary>Core over a new database of its own on the test PostgreSQL server (the test drops it at the end).</summary>
    private static Task<TestCore> FreshPostgresAsync() => TestCore.CreateAsync(new()
    {
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:Default"] = TestServices.PostgresConnectionString($"sma_{Guid.NewGuid():N}"),
    });

    [Fact]
    public async Task Postgres_MigrationsApplyToARealServer_AndVotesRoundTrip()
    {
        await using var core = await FreshPostgresAsync();

        var (session, scenarios) = await core.LiveSessionAsync();
        var people = await core.JoinAsync(session.JoinCode, 20);
        await core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Task.WhenAll(people.Select((p, i) => core.Voting.CastVoteAsync(p, scenarios[0].Id, i < 12 ? Choice.Marry : Choice.Snog)));
        await Task.WhenAll(people.Take(3).Select(p => core.Voting.CastVoteAsync(p, scenarios[0].Id, Choice.Avoid)));

        (await core.Voting.GetResultsAsync(scenarios[0].Id)).Should().Be(new ScenarioResults(scenarios[0].Id, 8, 9, 3));
        await using var ctx = await core.Db.ReadAsync();
        (await ctx.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        (await ctx.Scenarios.CountAsync(s => s.State == ScenarioState.Open)).Should().Be(1);
        await ctx.Database.EnsureDeletedAsync();
    }

    /// <summary>
    /// A council's IT team reads the log of a first start: on a new PostgreSQL database it must not say a command
    /// failed (Npgsql reads the migrations' history before it exists; the migrator makes the table first).
    /// </summary>
    [Fact]
    public async Task Postgres_AFirstStartOnANewDatabase_MigratesWithoutAnErrorInTheLog()
    {
        var logs = new LogCapture();
        var database = $"sma_{Guid.NewGuid():N}";
        await using (var app = new AppFactory(
            settings: new()
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:Default"] = TestServices.PostgresConnectionString(database),
                ["Logging:LogLevel:Default"] = "Information",
            },
            services: s => s.AddSingleton<ILoggerProvider>(logs)))
        {
            var ready = await app.CreateClient().GetAsync("/healthz/ready");

            ready.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, await ready.Content.ReadAsStringAsync());
            logs.Entries.Should().Contain(e => e.Category == typeof(DatabaseMigrator).FullName && e.Message.StartsWith("Applying "), "the migrations ran on the new database");
            logs.Entries.Where(e => e.Level >= LogLevel.Error).Should().BeEmpty("nothing failed");
        }

        await using var server = new Npgsql.NpgsqlConnection(TestServices.PostgresConnectionString("postgres"));
        await server.OpenAsync();
        await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", server);
        await drop.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Postgres_VotePathRehearsal_KeepsNothing()
    {
        await using var core = await FreshPostgresAsync();

        await VotingServiceTests.RehearsalKeepsNothingAsync(core);

        await using var ctx = await core.Db.ReadAsync();
        await ctx.Database.EnsureDeletedAsync();
    }
}
