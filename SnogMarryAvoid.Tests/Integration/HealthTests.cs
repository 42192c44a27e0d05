using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Hosting;

namespace SnogMarryAvoid.Tests.Integration;

/// <summary>
/// Health for orchestrators: <c>/healthz/live</c> (the process answers), <c>/healthz/ready</c> (database,
/// schema, Redis, not stopping) beside <c>/healthz</c> as it was; and <c>Database:MigrateAtStartup</c>.
/// </summary>
public sealed class HealthTests
{
    [Fact]
    public async Task ARunningServer_IsLive_AndReady()
    {
        await using var app = new AppFactory();
        var client = app.CreateClient();

        foreach (var path in new[] { "/healthz", "/healthz/live", "/healthz/ready" })
        {
            var response = await client.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
            (await response.Content.ReadAsStringAsync()).Should().Be("Healthy", path);
        }
    }

    [Fact]
    public async Task WithMigrateAtStartupOff_TheAppNeverChangesTheSchema_ReadinessNamesWhatIsPending_AndTheShippedScriptMakesItReady()
    {
        await using var app = new AppFactory(settings: new() { ["Database:MigrateAtStartup"] = "false" }, bootstrapOrganiser: false);
        var client = app.CreateClient();

        var ready = await client.GetAsync("/healthz/ready");
        var live = await client.GetAsync("/healthz/live");

        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var said = await ready.Content.ReadAsStringAsync();
        said.Should().StartWith("Unhealthy").And.Contain("schema: Unhealthy: migrations not applied: ").And.Contain("_Initial");
        live.StatusCode.Should().Be(HttpStatusCode.OK, "the process answers: an orchestrator must not restart it for a schema a person applies");
        var database = Path.Combine(app.DataFolder, "snogmarryavoid.db");
        Tables(database).Should().NotContain(["__EFMigrationsHistory", "Sessions"], "the app did not create or change any table");

        // The person in charge of the schema applies deploy/sql/sqlite.sql; the server is then ready.
        await using (var connection = new SqliteConnection($"Data Source={database}"))
        {
            await connection.OpenAsync();
            await using var apply = connection.CreateCommand();
            apply.CommandText = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "deploy", "sql", "sqlite.sql"));
            await apply.ExecuteNonQueryAsync();
        }

        var after = await client.GetAsync("/healthz/ready");
        after.StatusCode.Should().Be(HttpStatusCode.OK, await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readiness_TurnsUnhealthy_OnceTheServerIsAskedToStop()
    {
        var lifetime = new Lifetime();
        var check = new DrainHealthCheck(new ServerDrain(lifetime));

        (await check.CheckHealthAsync(new())).Status.Should().Be(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy);
        await lifetime.Stopping.CancelAsync();
        (await check.CheckHealthAsync(new())).Status.Should().Be(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy);
    }

    private static List<string> Tables(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database}");
        connection.Open();
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        using var reader = query.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        public CancellationTokenSource Stopping { get; } = new();
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => Stopping.Token;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() => Stopping.Cancel();
    }
}
