using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Hubs;

namespace SnogMarryAvoid.Tests.Contract;

public sealed class HubLimitsTests : IAsyncLifetime
{
    private readonly AppFactory _app = new(realPort: true, settings: new()
    {
        ["Limits:HubCallBurst"] = "5",
        ["Limits:HubCallsPerSecond"] = "1",
        ["Limits:HubConnectionsPerAddress"] = "6",
    });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task CallsBeyondTheRate_AreRefused_AndChangeNothing_WhileTheConnectionStaysUsable()
    {
        var (session, scenarios) = await _app.Core.LiveSessionAsync(1, owner: Actor.System);
        await _app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, Actor.System);
        await using var phone = AppFactory.HubClientOverHttp(_app.BaseUrl);
        await phone.StartAsync();
        await phone.InvokeAsync<JoinReply>("Join", session.JoinCode, null);
        for (var i = 0; i < 4; i++)
        {
            await phone.InvokeAsync<VoteReceipt>("Vote", scenarios[0].Id, Choice.Snog);
        }

        var flood = () => phone.InvokeAsync<VoteReceipt>("Vote", scenarios[0].Id, Choice.Avoid);

        (await flood.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("TooManyRequests: slow down; at most 1 calls a second per connection.");
        (await _app.Core.Voting.GetResultsAsync(scenarios[0].Id)).Should().Be(new ScenarioResults(scenarios[0].Id, 1, 0, 0), "the refused vote changed nothing");
        await Task.Delay(1100);
        (await phone.InvokeAsync<VoteReceipt>("Vote", scenarios[0].Id, Choice.Avoid)).Choice.Should().Be(Choice.Avoid, "a second later the connection may call again");
    }

    [Fact]
    public async Task AnOversizedMessage_ClosesTheConnectionWithAnError_AndStoresNothing()
    {
        var (session, scenarios) = await _app.Core.LiveSessionAsync(1, owner: Actor.System);
        await _app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, Actor.System);
        await using var phone = AppFactory.HubClientOverHttp(_app.BaseUrl);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        phone.Closed += error => { closed.TrySetResult(error); return Task.CompletedTask; };
        await phone.StartAsync();
        await phone.InvokeAsync<JoinReply>("Join", session.JoinCode, null);
        await phone.InvokeAsync<VoteReceipt>("Vote", scenarios[0].Id, Choice.Snog);

        var huge = () => phone.InvokeAsync<VoteReceipt>("SetReason", scenarios[0].Id, new string('x', 20_000));

        await huge.Should().ThrowAsync<Exception>();
        var error = await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        error!.Message.Should().Contain("Connection closed with an error.");
        (await _app.Core.Voting.GetResultsAsync(scenarios[0].Id)).Total.Should().Be(1);
        await using var ctx = await _app.Services.GetRequiredService<SnogMarryAvoid.Core.Persistence.DbWork>().ReadAsync();
        ctx.Votes.Single(v => v.ScenarioId == scenarios[0].Id).Reason.Should().BeNull();
    }

    [Fact]
    public async Task MalformedCalls_AreRefused_AndTheConnectionStaysUsable()
    {
        var (session, scenarios) = await _app.Core.LiveSessionAsync(1, owner: Actor.System);
        await _app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, Actor.System);
        await using var phone = AppFactory.HubClientOverHttp(_app.BaseUrl);
        await phone.StartAsync();
        await phone.InvokeAsync<JoinReply>("Join", session.JoinCode, null);

        var wrongTypes = () => phone.InvokeAsync<VoteReceipt>("Vote", "not-a-scenario", "snog");
        var noSuchMethod = () => phone.InvokeAsync<object>("DropAllTables");

        (await wrongTypes.Should().ThrowAsync<HubException>()).Which.Message.Should().Be("Failed to invoke 'Vote' due to an error on the server.");
        (await noSuchMethod.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("Method does not exist.");
        (await _app.Core.Voting.GetResultsAsync(scenarios[0].Id)).Total.Should().Be(0);
        (await phone.InvokeAsync<VoteReceipt>("Vote", scenarios[0].Id, Choice.Marry)).Choice.Should().Be(Choice.Marry);
    }

    [Fact]
    public async Task AForgedParticipantToken_GetsANewIdentity_NotSomeoneElses()
    {
        var (session, _) = await _app.Core.LiveSessionAsync(1, owner: Actor.System);
        await using var phone = AppFactory.HubClientOverHttp(_app.BaseUrl);
        await phone.StartAsync();
        var first = await phone.InvokeAsync<JoinReply>("Join", session.JoinCode, null);
        var forged = first.ParticipantToken[..^4] + (first.ParticipantToken.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        await using var intruder = AppFactory.HubClientOverHttp(_app.BaseUrl);
        await intruder.StartAsync();

        var joined = await intruder.InvokeAsync<JoinReply>("Join", session.JoinCode, forged);

        joined.Snapshot.ParticipantCount.Should().Be(2, "a tampered token is not the first phone's identity");
        joined.ParticipantToken.Should().NotBe(first.ParticipantToken);
    }

    [Fact]
    public async Task ConnectionsBeyondTheLimitPerAddress_AreClosedWithAnError_UntilOneLeaves()
    {
        var (session, _) = await _app.Core.LiveSessionAsync(1, owner: Actor.System);
        var open = new List<HubConnection>();
        for (var i = 0; i < 6; i++)
        {
            var connection = AppFactory.HubClientOverHttp(_app.BaseUrl);
            await connection.StartAsync();
            await connection.InvokeAsync<JoinReply>("Join", session.JoinCode, null);
            open.Add(connection);
        }

        await using var seventh = AppFactory.HubClientOverHttp(_app.BaseUrl);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        seventh.Closed += error => { closed.TrySetResult(error); return Task.CompletedTask; };
        var refused = async () =>
        {
            await seventh.StartAsync();
            await seventh.InvokeAsync<JoinReply>("Join", session.JoinCode, null);
        };

        await refused.Should().ThrowAsync<Exception>();
        (await _app.Core.Sessions.GetRoomViewAsync(session.Id, Actor.System)).ParticipantCount.Should().Be(6);

        await open[0].DisposeAsync();
        await Task.Delay(200);
        await using var later = AppFactory.HubClientOverHttp(_app.BaseUrl);
        await later.StartAsync();
        (await later.InvokeAsync<JoinReply>("Join", session.JoinCode, null)).Snapshot.ParticipantCount.Should().Be(7, "once one left, a new connection is welcome");
        foreach (var connection in open.Skip(1))
        {
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task TheDocumentedClientExample_Runs_AndSeesItsOwnVote()
    {
        var (session, scenarios) = await _app.Core.LiveSessionAsync(1, owner: Actor.System);
        await _app.Core.Sessions.SetResultsLiveAsync(session.Id, Actor.System, live: true);
        await _app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, Actor.System);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var results = await ClientExample.VoteMarryAsync(_app.BaseUrl, session.JoinCode, timeout.Token);

        (results.ScenarioId, results.Marry).Should().Be((scenarios[0].Id, 1));
    }
}
