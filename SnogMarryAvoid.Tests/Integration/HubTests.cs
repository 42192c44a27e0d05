using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Hubs;

namespace SnogMarryAvoid.Tests.Integration;

public class HubTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task JoinVoteAndReadResults_ThroughTheHub_InAResultsLiveSession()
    {
        var (session, scenarios) = await _app.Core.LiveSessionAsync();
        await _app.Core.Sessions.SetResultsLiveAsync(session.Id, TestCore.Owner, true);
        await _app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await using var phone = _app.HubClient();
        var pushed = new TaskCompletionSource<ScenarioResults>(TaskCreationOptions.RunContinuationsAsynchronously);
        phone.On<ScenarioResults, long>("ResultsChanged", (results, _) =>
        {
            if (results.Total == 1)
            {
                pushed.TrySetResult(results);
            }
        });
        await phone.StartAsync();

        var joined = await phone.InvokeAsync<JoinReply>("Join", session.JoinCode.ToLowerInvariant(), null);
        (await phone.InvokeAsync<ResultsReply>("FollowResults")).Results.Should().Be(new ScenarioResults(scenarios[0].Id, 0, 0, 0), "the room may see this session's tally");
        var receipt = await phone.InvokeAsync<VoteReceipt>("Vote", scenarios[0].Id, Choice.Snog);
        var results = await phone.InvokeAsync<ScenarioResults>("GetResults", scenarios[0].Id);

        joined.SessionId.Should().Be(session.Id);
        joined.Snapshot.Current!.Id.Should().Be(scenarios[0].Id);
        receipt.Choice.Should().Be(Choice.Snog);
        results.Should().Be(new ScenarioResults(scenarios[0].Id, 1, 0, 0));
        (await pushed.Task.WaitAsync(TimeSpan.FromSeconds(10))).Should().Be(results);
    }

    [Fact]
    public async Task InAResultsLiveSession_TalliesGoOnlyToPhonesThatAskForThem_TheRoomGetsViews()
    {
        var (session, scenarios) = await _app.Core.LiveSessionAsync();
        await _app.Core.Sessions.SetResultsLiveAsync(session.Id, TestCore.Owner, true);
        await _app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await using var phone = _app.HubClient();
        await using var follower = _app.HubClient();
        var (phoneTallies, phoneViews, followerTallies) = (new List<long>(), new List<RoomView>(), new List<ScenarioResults>());
        phone.On<ScenarioResults, long>("ResultsChanged", (_, sequence) => { lock (phoneTallies) { phoneTallies.Add(sequence); } });
        phone.On<RoomView>("SessionChanged", view => { lock (phoneViews) { phoneViews.Add(view); } });
        follower.On<ScenarioResults, long>("ResultsChanged", (results, _) => { lock (followerTallies) { followerTallies.Add(results); } });
        await phone.StartAsync();
        await follower.StartAsync();
        await phone.InvokeAsync<JoinReply>("Join", session.JoinCode, null);
        await follower.InvokeAsync<JoinReply>("Join", session.JoinCode, null);
        await follower.InvokeAsync<ResultsReply>("FollowResults");

        await phone.InvokeAsync<VoteReceipt>("Vote", scenarios[0].Id, Choice.Snog);
        await follower.InvokeAsync<VoteReceipt>("Vote", scenarios[0].Id, Choice.Avoid);
        await WaitUntilAsync(() => { lock (followerTallies) { return followerTallies.Any(t => t.Total == 2); } });

        // Anything sent to the phone with those tallies would have reached it before this answer.
        await phone.InvokeAsync<IReadOnlyList<VoteReceipt>>("GetMyVotes");
        lock (phoneTallies)
        {
            phoneTallies.Should().BeEmpty("a phone that did not ask for tallies is sent none, even in a results-live session");
        }

        await _app.Core.Scenarios.RevealAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await WaitUntilAsync(() => { lock (phoneViews) { return phoneViews.Any(v => v.RevealedResults is { Total: 2 }); } });
        lock (phoneViews)
        {
            phoneViews.Last().VerdictText.Should().Be("The room is split.", "the room's view carries the revealed split and its verdict");
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        condition().Should().BeTrue("the event should arrive within 10 s");
    }

    [Fact]
    public async Task Rejoin_WithTheToken_GetsItsOwnVotesBack_AndCountsAsConnectedWhileOpen()
    {
        var (session, scenarios) = await _app.Core.LiveSessionAsync();
        await _app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        var presence = _app.Services.GetRequiredService<SnogMarryAvoid.Core.Participants.PresenceTracker>();
        string token;
        await using (var first = _app.HubClient())
        {
            await first.StartAsync();
            var joined = await first.InvokeAsync<JoinReply>("Join", session.JoinCode, null);
            joined.ServerTime.Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromSeconds(5));
            joined.ServerTime.Kind.Should().Be(DateTimeKind.Utc);
            presence.Connected(session.Id).Should().Be(1);
            joined.MyVotes.Should().BeEmpty("a new participant");
            (await first.InvokeAsync<IReadOnlyList<VoteReceipt>>("GetMyVotes")).Should().BeEmpty();
            await first.InvokeAsync<VoteReceipt>("Vote", scenarios[0].Id, Choice.Marry);
            await first.InvokeAsync<VoteReceipt>("SetReason", scenarios[0].Id, "Lasting.");
            token = joined.ParticipantToken;
        }

        for (var i = 0; i < 50 && presence.Connected(session.Id) != 0; i++)
        {
            await Task.Delay(100);
        }

        presence.Connected(session.Id).Should().Be(0, "a closed connection is no longer counted");
        await using var again = _app.HubClient();
        await again.StartAsync();
        var rejoined = await again.InvokeAsync<JoinReply>("Join", session.JoinCode, token);

        var mine = await again.InvokeAsync<IReadOnlyList<VoteReceipt>>("GetMyVotes");

        mine.Should().ContainSingle().Which.Should().Match<VoteReceipt>(v => v.ScenarioId == scenarios[0].Id && v.Choice == Choice.Marry && v.Reason == "Lasting.");
        rejoined.MyVotes.Should().BeEquivalentTo(mine, "the reply to Join carries the same votes, so a phone needs no second round trip");
        presence.Connected(session.Id).Should().Be(1);
    }

    [Fact]
    public async Task RevealOnlySession_LeaksNoTallyBeforeTheReveal()
    {
        var (session, scenarios) = await _app.Core.LiveSessionAsync();
        await _app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await using var phone = _app.HubClient();
        var pushedTallies = 0;
        var revealed = new TaskCompletionSource<RoomView>(TaskCreationOptions.RunContinuationsAsynchronously);
        phone.On<ScenarioResults, long>("ResultsChanged", (_, _) => Interlocked.Increment(ref pushedTallies));
        phone.On<RoomView>("SessionChanged", s =>
        {
            if (s.RevealedResults is not null)
            {
                revealed.TrySetResult(s);
            }
        });
        await phone.StartAsync();
        await phone.InvokeAsync<JoinReply>("Join", session.JoinCode, null);
        await phone.InvokeAsync<VoteReceipt>("Vote", scenarios[0].Id, Choice.Avoid);

        var early = () => phone.InvokeAsync<ScenarioResults>("GetResults", scenarios[0].Id);
        (await early.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("ResultsHidden: The results are shown when the facilitator reveals them.");

        await _app.Core.Scenarios.RevealAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        (await revealed.Task.WaitAsync(TimeSpan.FromSeconds(10))).RevealedResults!.Avoid.Should().Be(1);
        (await phone.InvokeAsync<ScenarioResults>("GetResults", scenarios[0].Id)).Avoid.Should().Be(1);
        pushedTallies.Should().Be(0, "tallies are never pushed to the room in a reveal-only session");
    }

    [Fact]
    public async Task GetResults_ForAnotherSessionsScenario_IsRefused()
    {
        var (mine, _) = await _app.Core.LiveSessionAsync();
        var (_, theirs) = await _app.Core.LiveSessionAsync();
        await using var phone = _app.HubClient();
        await phone.StartAsync();
        await phone.InvokeAsync<JoinReply>("Join", mine.JoinCode, null);

        var act = () => phone.InvokeAsync<ScenarioResults>("GetResults", theirs[0].Id);

        (await act.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("ScenarioNotInSession");
    }

    [Fact]
    public async Task Rejoin_WithTheToken_IsTheSameParticipant()
    {
        var (session, scenarios) = await _app.Core.LiveSessionAsync();
        await _app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);

        await using (var first = _app.HubClient())
        {
            await first.StartAsync();
            var joined = await first.InvokeAsync<JoinReply>("Join", session.JoinCode, null);
            await first.InvokeAsync<VoteReceipt>("Vote", scenarios[0].Id, Choice.Snog);
            await first.StopAsync();

            await using var again = _app.HubClient();
            await again.StartAsync();
            await again.InvokeAsync<JoinReply>("Join", session.JoinCode, joined.ParticipantToken);
            await again.InvokeAsync<VoteReceipt>("Vote", scenarios[0].Id, Choice.Avoid);
        }

        (await _app.Core.Voting.GetResultsAsync(scenarios[0].Id)).Should().Be(new ScenarioResults(scenarios[0].Id, 0, 0, 1));
    }

    [Fact]
    public async Task Vote_OnAClosedScenario_FailsWithVotingClosed()
    {
        var (session, scenarios) = await _app.Core.LiveSessionAsync();
        await using var phone = _app.HubClient();
        await phone.StartAsync();
        await phone.InvokeAsync<JoinReply>("Join", session.JoinCode, null);

        var act = () => phone.InvokeAsync<VoteReceipt>("Vote", scenarios[0].Id, Choice.Marry);

        (await act.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("VotingClosed: Voting on this scenario has not opened yet.");
    }

    [Fact]
    public async Task Join_WithAnUnknownCode_FailsWithUnknownJoinCode()
    {
        await using var phone = _app.HubClient();
        await phone.StartAsync();

        var act = () => phone.InvokeAsync<JoinReply>("Join", "KX7PM", null);

        (await act.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("UnknownJoinCode: No session has the code KX7PM.");
    }

    [Fact]
    public async Task Vote_BeforeJoining_FailsWithNotJoined()
    {
        await using var phone = _app.HubClient();
        await phone.StartAsync();

        var act = () => phone.InvokeAsync<VoteReceipt>("Vote", Guid.NewGuid(), Choice.Snog);

        (await act.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("NotJoined");
    }
}
