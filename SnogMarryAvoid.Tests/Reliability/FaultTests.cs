using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Hubs;

namespace SnogMarryAvoid.Tests.Reliability;

public sealed class FaultTests
{
    [Fact]
    public async Task DatabaseUnreachableAtStartUp_OneClearLine_AndTheAppExits()
    {
        var closedPort = AppFactory.FreePort();
        await using var server = await ServerProcess.StartAsync(new()
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Default"] = $"Host=127.0.0.1;Port={closedPort};Username=nobody;Database=nothing;Timeout=3",
        }, waitUntilHealthy: false);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await server.Process.WaitForExitAsync(timeout.Token);

        server.Process.ExitCode.Should().Be(3);
        string.Join('\n', server.Output).Should()
            .Contain("The database could not be reached or brought up to date (Npgsql.EntityFrameworkCore.PostgreSQL)")
            .And.Contain("SnogMarryAvoid did not start:");
    }

    [Fact]
    public async Task DatabaseBusy_VotesWaitForTheOtherWriter_AndSucceed()
    {
        await using var core = await TestCore.CreateSqliteAsync();
        var (session, scenarios) = await core.LiveSessionAsync(1);
        var people = await core.JoinAsync(session.JoinCode, 20);
        await core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await using var ctx = await core.Db.ReadAsync();
        var file = new SqliteConnectionStringBuilder(ctx.Database.GetConnectionString()).DataSource;

        // Another program holds the write lock for three seconds.
        await using var other = new SqliteConnection($"Data Source={file};Pooling=False");
        await other.OpenAsync();
        await using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE; UPDATE Sessions SET Title = Title;";
            await begin.ExecuteNonQueryAsync();
        }

        var voting = Task.WhenAll(people.Select(p => core.Voting.CastVoteAsync(p, scenarios[0].Id, Choice.Avoid)));
        await Task.Delay(TimeSpan.FromSeconds(3));
        voting.IsCompleted.Should().BeFalse("the votes wait for the lock");
        await using (var commit = other.CreateCommand())
        {
            commit.CommandText = "COMMIT;";
            await commit.ExecuteNonQueryAsync();
        }

        (await voting.WaitAsync(TimeSpan.FromSeconds(30))).Should().HaveCount(20);
        (await core.Voting.GetResultsAsync(scenarios[0].Id)).Avoid.Should().Be(20);
    }

    [Fact]
    public async Task ServerKilledMidBurst_EveryAcknowledgedVoteIsKept_AndTheSessionResumesAsItWas()
    {
        var port = AppFactory.FreePort();
        var server = await ServerProcess.StartAsync(port: port);
        Guid sessionId;
        Guid[] scenarioIds;
        string code;
        await using (var core = await server.CoreAsync())
        {
            var (session, scenarios) = await core.LiveSessionAsync(2);
            await core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, Actor.System, TimeSpan.FromMinutes(10));
            (sessionId, scenarioIds, code) = (session.Id, [.. scenarios.Select(s => s.Id)], session.JoinCode);
        }

        // Thirty phones keep changing their minds until the server dies under them.
        var acknowledged = new ConcurrentDictionary<int, VoteReceipt>();
        var tokens = new string[30];
        var phones = new List<HubConnection>();
        for (var i = 0; i < 30; i++)
        {
            var phone = AppFactory.HubClientOverHttp(server.Url);
            await phone.StartAsync();
            tokens[i] = (await phone.InvokeAsync<JoinReply>("Join", code, null)).ParticipantToken;
            phones.Add(phone);
        }

        using var burst = new CancellationTokenSource();
        var voting = Task.WhenAll(phones.Select(async (phone, i) =>
        {
            for (var round = 0; !burst.IsCancellationRequested; round++)
            {
                try
                {
                    var receipt = await phone.InvokeAsync<VoteReceipt>("Vote", scenarioIds[0], (Choice)(((i + round) % 3) + 1), burst.Token);
                    acknowledged[i] = receipt;
                    await Task.Delay(100, burst.Token);
                }
                catch (Exception)
                {
                    return; // the server is gone
                }
            }
        }));
        while (acknowledged.Count < 30)
        {
            await Task.Delay(50);
        }

        await Task.Delay(500);
        await server.KillAsync();
        await burst.CancelAsync();
        await voting;
        foreach (var phone in phones)
        {
            await phone.DisposeAsync();
        }

        server.Forget();
        await server.DisposeAsync();
        await using var restarted = await ServerProcess.StartAsync(dataFolder: server.DataFolder, port: port);
        await using var after = await restarted.CoreAsync();
        await using (var ctx = await after.Db.ReadAsync())
        {
            var stored = await ctx.Votes.Where(v => v.ScenarioId == scenarioIds[0]).Select(v => new { v.Sequence, v.Choice }).ToListAsync();
            stored.Should().HaveCount(30);
            foreach (var receipt in acknowledged.Values)
            {
                stored.Should().Contain(v => v.Sequence > receipt.Sequence || (v.Sequence == receipt.Sequence && v.Choice == receipt.Choice),
                    "an acknowledged vote is stored, or a later vote of the same phone replaced it");
            }
        }

        var snapshot = await after.Sessions.GetRoomViewAsync(sessionId, Actor.System);
        (snapshot.Phase, snapshot.Current!.Id, snapshot.Current.State).Should().Be((SnogMarryAvoid.Core.Sessions.SessionPhase.Live, scenarioIds[0], ScenarioState.Open));
        snapshot.Current.ClosesAt.Should().NotBeNull("the countdown survives the crash");

        // A phone comes back with its token: the same participant, still able to vote.
        await using var back = AppFactory.HubClientOverHttp(restarted.Url);
        await back.StartAsync();
        var rejoined = await back.InvokeAsync<JoinReply>("Join", code, tokens[0]);
        rejoined.Snapshot.ParticipantCount.Should().Be(30);
        (await back.InvokeAsync<VoteReceipt>("Vote", scenarioIds[0], Choice.Snog)).Choice.Should().Be(Choice.Snog);
    }
}
