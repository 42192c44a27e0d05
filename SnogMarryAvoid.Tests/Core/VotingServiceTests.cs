using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Core;

public class VotingServiceTests : CoreTest
{
    [Fact]
    public async Task CastVote_OnAnOpenScenario_IsStoredAndCounted()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        var people = await Core.JoinAsync(session.JoinCode, 2);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);

        var receipt = await Core.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Snog);
        await Core.Voting.CastVoteAsync(people[1], scenarios[0].Id, Choice.Avoid);

        receipt.Choice.Should().Be(Choice.Snog);
        (await Core.Voting.VoteOnAsync(people[0], scenarios[0].Id)).Should().Be(receipt);
        (await Core.Voting.GetResultsAsync(scenarios[0].Id)).Should().Be(new ScenarioResults(scenarios[0].Id, 1, 0, 1));
    }

    [Fact]
    public async Task GetVotes_ListsOnlyThisParticipantsVotes_OnePerScenario()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(3);
        var people = await Core.JoinAsync(session.JoinCode, 2);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Core.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Snog);
        await Core.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Marry);
        await Core.Voting.CastVoteAsync(people[1], scenarios[0].Id, Choice.Avoid);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[2].Id, TestCore.Owner);
        await Core.Voting.CastVoteAsync(people[0], scenarios[2].Id, Choice.Avoid);

        var mine = await Core.Voting.GetVotesAsync(people[0]);

        mine.Select(v => (v.ScenarioId, v.Choice)).Should().BeEquivalentTo([(scenarios[0].Id, Choice.Marry), (scenarios[2].Id, Choice.Avoid)]);
        (await Core.Voting.GetVotesAsync(Guid.NewGuid())).Should().BeEmpty();
    }

    [Fact]
    public async Task CastVote_AgainWithAnotherChoice_ChangesTheOneRow()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        var person = (await Core.JoinAsync(session.JoinCode, 1))[0];
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);

        await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Snog);
        await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Marry);
        await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Marry);

        (await Core.Voting.GetResultsAsync(scenarios[0].Id)).Should().Be(new ScenarioResults(scenarios[0].Id, 0, 1, 0));
        await using var ctx = await Core.Db.ReadAsync();
        (await ctx.Votes.CountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task CastVote_WhenScenarioPending_IsRejected()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        var person = (await Core.JoinAsync(session.JoinCode, 1))[0];

        var act = () => Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Snog);

        var error = (await act.Should().ThrowAsync<DomainException>()).Which;
        error.Error.Should().Be(DomainError.VotingClosed);
        error.Message.Should().Be("Voting on this scenario has not opened yet.");
        (await Core.Voting.GetResultsAsync(scenarios[0].Id)).Total.Should().Be(0);
    }

    [Fact]
    public async Task CastVote_WhenScenarioClosed_IsRejectedAndKeepsTheEarlierVote()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        var person = (await Core.JoinAsync(session.JoinCode, 1))[0];
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Snog);
        await Core.Scenarios.CloseAsync(session.Id, scenarios[0].Id, TestCore.Owner);

        var act = () => Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Avoid);

        (await act.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("Voting on this scenario is closed.");
        (await Core.Voting.VoteOnAsync(person, scenarios[0].Id))!.Choice.Should().Be(Choice.Snog);
    }

    [Fact]
    public async Task CastVote_WhenRevealed_IsRejected()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        var person = (await Core.JoinAsync(session.JoinCode, 1))[0];
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Core.Scenarios.RevealAsync(session.Id, scenarios[0].Id, TestCore.Owner);

        var act = () => Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Avoid);

        (await act.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.VotingClosed);
    }

    [Fact]
    public async Task CastVote_ForAScenarioOfAnotherSession_IsRejected()
    {
        var (mine, _) = await Core.LiveSessionAsync();
        var (theirs, theirScenarios) = await Core.LiveSessionAsync();
        var me = (await Core.JoinAsync(mine.JoinCode, 1))[0];
        await Core.Scenarios.OpenAsync(theirs.Id, theirScenarios[0].Id, TestCore.Owner);

        var act = () => Core.Voting.CastVoteAsync(me, theirScenarios[0].Id, Choice.Marry);

        (await act.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.ScenarioNotInSession);
        (await Core.Voting.GetResultsAsync(theirScenarios[0].Id)).Total.Should().Be(0);
    }

    [Fact]
    public async Task CastVote_WithAChoiceThatIsNotOneOfTheThree_IsRejected()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        var person = (await Core.JoinAsync(session.JoinCode, 1))[0];
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);

        var act = () => Core.Voting.CastVoteAsync(person, scenarios[0].Id, (Choice)42);

        (await act.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.InvalidInput);
    }

    [Fact]
    public async Task CastVote_ByAnUnknownParticipant_IsRejected()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);

        var act = () => Core.Voting.CastVoteAsync(Guid.NewGuid(), scenarios[0].Id, Choice.Snog);

        (await act.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.NotFound);
    }

    [Fact]
    public async Task SetReason_OverTheLimit_IsRejectedAndKeepsTheOldReason()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        var person = (await Core.JoinAsync(session.JoinCode, 1))[0];
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Snog);
        await Core.Voting.SetReasonAsync(person, scenarios[0].Id, "They reach people we never do.");

        var act = () => Core.Voting.SetReasonAsync(person, scenarios[0].Id, new string('x', Vote.MaxReasonLength + 1));

        (await act.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("Your reason is 281 characters; the limit is 280.");
        (await Core.Voting.VoteOnAsync(person, scenarios[0].Id))!.Reason.Should().Be("They reach people we never do.");
    }

    [Fact]
    public async Task SetReason_KeepsHostileTextAsText_AndEmptyClearsIt()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        var person = (await Core.JoinAsync(session.JoinCode, 1))[0];
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Avoid);

        var hostile = await Core.Voting.SetReasonAsync(person, scenarios[0].Id, "<img src=x onerror=alert(1)> 🙂 שלום");
        var cleared = await Core.Voting.SetReasonAsync(person, scenarios[0].Id, "   ");

        hostile.Reason.Should().Be("<img src=x onerror=alert(1)> 🙂 שלום");
        cleared.Reason.Should().BeNull();
    }

    [Fact]
    public async Task SetReason_OfOnlyInvisibleCharacters_IsNoReason_AndAScenarioFieldLikeThatIsRequired()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        var person = (await Core.JoinAsync(session.JoinCode, 1))[0];
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Avoid);
        await Core.Voting.SetReasonAsync(person, scenarios[0].Id, "A real reason.");

        var invisible = await Core.Voting.SetReasonAsync(person, scenarios[0].Id, "\u200B\u200D\uFEFF");
        var addScenario = () => Core.Decks.AddAsync(session.Id, TestCore.Owner, "Trust", "\u200B", null);

        invisible.Reason.Should().BeNull("a reason with nothing visible in it is no reason");
        (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).ReasonCount.Should().Be(0);
        (await addScenario.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("Counterpart is required.");
    }

    [Fact]
    public async Task SetReason_BeforeVoting_AsksForAVoteFirst()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        var person = (await Core.JoinAsync(session.JoinCode, 1))[0];
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);

        var act = () => Core.Voting.SetReasonAsync(person, scenarios[0].Id, "Because.");

        (await act.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("Choose snog, marry or avoid before adding a reason.");
    }

    [Fact]
    public async Task CastVote_Publishes_ResultsChanged_WithTheCommittedTally()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        var people = await Core.JoinAsync(session.JoinCode, 2);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        using var recorder = new EventRecorder(Core.Events, session.Id);

        await Core.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Snog);
        await Core.Voting.CastVoteAsync(people[1], scenarios[0].Id, Choice.Snog);

        var last = await recorder.WaitForAsync<ResultsChanged>(e => e.Results.Total == 2);
        last.Results.Should().Be(new ScenarioResults(scenarios[0].Id, 2, 0, 0));
        last.LastSequence.Should().Be(2);
        last.VisibleToRoom.Should().BeFalse("the session is reveal-only and the scenario is open");
        recorder.OfType<ResultsChanged>().Select(e => e.LastSequence).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task Receipts_CarryASessionWideSequence_ThatRisesWithEveryChange_AndNotWithARepeat()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(2);
        var people = await Core.JoinAsync(session.JoinCode, 2);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);

        var first = await Core.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Snog);
        var second = await Core.Voting.CastVoteAsync(people[1], scenarios[0].Id, Choice.Avoid);
        var repeat = await Core.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Snog);
        var change = await Core.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Marry);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[1].Id, TestCore.Owner);
        var next = await Core.Voting.CastVoteAsync(people[1], scenarios[1].Id, Choice.Snog);

        new[] { first.Sequence, second.Sequence, repeat.Sequence, change.Sequence, next.Sequence }.Should().Equal(1, 2, 1, 3, 4);
    }

    [Fact]
    public async Task InOneBurst_RefusedVotesAreRefusedAlone_AndTheRestAreStored()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(2);
        var people = await Core.JoinAsync(session.JoinCode, 40);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);

        // Good votes, votes on the pending scenario and votes from nobody, all at once: the single
        // writer takes them in batches, and each is answered on its own merits.
        var good = people.Select(p => Core.Voting.CastVoteAsync(p, scenarios[0].Id, Choice.Marry)).ToList();
        var pending = people.Take(10).Select(p => Core.Voting.CastVoteAsync(p, scenarios[1].Id, Choice.Snog)).ToList();
        var strangers = Enumerable.Range(0, 5).Select(_ => Core.Voting.CastVoteAsync(Guid.NewGuid(), scenarios[0].Id, Choice.Avoid)).ToList();

        (await Task.WhenAll(good)).Select(r => r.Sequence).Should().OnlyHaveUniqueItems().And.HaveCount(40);
        foreach (var refused in pending)
        {
            (await refused.Invoking(t => t).Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("Voting on this scenario has not opened yet.");
        }

        foreach (var refused in strangers)
        {
            (await refused.Invoking(t => t).Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.NotFound);
        }

        (await Core.Voting.GetResultsAsync(scenarios[0].Id)).Marry.Should().Be(40);
        (await Core.Voting.GetResultsAsync(scenarios[1].Id)).Total.Should().Be(0);
    }

    [Fact]
    public async Task Sequences_AreCountedPerSession()
    {
        var (a, aScenarios) = await Core.LiveSessionAsync(1, "A");
        var (b, bScenarios) = await Core.LiveSessionAsync(1, "B");
        var inA = (await Core.JoinAsync(a.JoinCode, 1))[0];
        var inB = (await Core.JoinAsync(b.JoinCode, 1))[0];
        await Core.Scenarios.OpenAsync(a.Id, aScenarios[0].Id, TestCore.Owner);
        await Core.Scenarios.OpenAsync(b.Id, bScenarios[0].Id, TestCore.Owner);

        (await Core.Voting.CastVoteAsync(inA, aScenarios[0].Id, Choice.Snog)).Sequence.Should().Be(1);
        (await Core.Voting.CastVoteAsync(inB, bScenarios[0].Id, Choice.Snog)).Sequence.Should().Be(1);
    }

    [Fact]
    public async Task ConcurrentVotes_GetDistinctSequences_AndTheLastResultsEventIncludesThemAll()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(1);
        var people = await Core.JoinAsync(session.JoinCode, 60);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        using var recorder = new EventRecorder(Core.Events, session.Id);

        var receipts = await Task.WhenAll(people.Select(p => Core.Voting.CastVoteAsync(p, scenarios[0].Id, Choice.Avoid)));

        receipts.Select(r => r.Sequence).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(Enumerable.Range(1, 60).Select(i => (long)i));
        var last = await recorder.WaitForAsync<ResultsChanged>(e => e.LastSequence == 60);
        last.Results.Avoid.Should().Be(60);
    }

    [Fact]
    public async Task AReset_MovesTheSequenceOn_SoEarlierCountsAreRecognisablyOlder()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(1);
        var person = (await Core.JoinAsync(session.JoinCode, 1))[0];
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Snog);

        await Core.Scenarios.ResetAsync(session.Id, scenarios[0].Id, TestCore.Owner);

        var (results, sequence) = await Core.Voting.GetResultsWithSequenceAsync(session.Id, scenarios[0].Id);
        (results.Total, sequence).Should().Be((0, 2));
    }

    [Fact]
    public async Task ResultsEvents_AreVisibleToTheRoom_OnceRevealed_OrInAResultsLiveSession()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(1);
        var person = (await Core.JoinAsync(session.JoinCode, 1))[0];
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Core.Sessions.SetResultsLiveAsync(session.Id, TestCore.Owner, live: true);
        using var recorder = new EventRecorder(Core.Events, session.Id);

        await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Snog);

        (await recorder.WaitForAsync<ResultsChanged>(e => e.Results.Total == 1)).VisibleToRoom.Should().BeTrue();
    }

    [Fact]
    public async Task CastVote_200ParticipantsAtOnceAnd50ChangesAtOnce_OneRowEachAndExactTallies()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        var scenario = scenarios[0].Id;
        var people = await Core.JoinAsync(session.JoinCode, 200);
        await Core.Scenarios.OpenAsync(session.Id, scenario, TestCore.Owner);
        using var recorder = new EventRecorder(Core.Events, session.Id);

        // All 200 vote at once (person i chooses by i % 3). Inside the same burst, the first 50 change
        // their mind to Avoid as soon as their first vote is acknowledged, and persons 50-99 double-tap,
        // racing their own first vote.
        static Choice First(int i) => (Choice)(i % 3 + 1);
        var voters = people.Select(async (p, i) =>
        {
            await Core.Voting.CastVoteAsync(p, scenario, First(i));
            if (i < 50)
            {
                await Core.Voting.CastVoteAsync(p, scenario, Choice.Avoid);
            }
        });
        var doubleTaps = people.Skip(50).Take(50).Select((p, j) => Core.Voting.CastVoteAsync(p, scenario, First(j + 50)));
        await Task.WhenAll(voters.Concat(doubleTaps));

        var expected = new ScenarioResults(
            scenario,
            Snog: Enumerable.Range(50, 150).Count(i => First(i) == Choice.Snog),
            Marry: Enumerable.Range(50, 150).Count(i => First(i) == Choice.Marry),
            Avoid: 50 + Enumerable.Range(50, 150).Count(i => First(i) == Choice.Avoid));
        expected.Total.Should().Be(200);

        await using var ctx = await Core.Db.ReadAsync();
        (await ctx.Votes.CountAsync(v => v.ScenarioId == scenario)).Should().Be(200);
        (await ctx.Votes.Where(v => v.ScenarioId == scenario).Select(v => v.ParticipantId).Distinct().CountAsync()).Should().Be(200);
        (await Core.Voting.GetResultsAsync(scenario)).Should().Be(expected);

        // The live tally converges on exactly the stored one.
        (await recorder.WaitForAsync<ResultsChanged>(e => e.Results == expected)).Results.Should().Be(expected);
    }

    [Fact]
    public async Task ResultsForAParticipant_AreHiddenUntilRevealed_UnlessTheSessionShowsThemLive()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        var person = (await Core.JoinAsync(session.JoinCode, 1))[0];
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Snog);

        var early = () => Core.Voting.GetResultsForParticipantAsync(person, scenarios[0].Id);
        (await early.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.ResultsHidden);

        await Core.Sessions.SetResultsLiveAsync(session.Id, TestCore.Owner, true);
        (await Core.Voting.GetResultsForParticipantAsync(person, scenarios[0].Id)).Snog.Should().Be(1);

        await Core.Sessions.SetResultsLiveAsync(session.Id, TestCore.Owner, false);
        await Core.Scenarios.RevealAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        (await Core.Voting.GetResultsForParticipantAsync(person, scenarios[0].Id)).Snog.Should().Be(1);
    }

    [Fact]
    public async Task ChangesOfMind_AreRecorded_AndResetClearsThem()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        var person = (await Core.JoinAsync(session.JoinCode, 1))[0];
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);

        await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Avoid);
        await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Avoid);
        await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Snog);
        await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Marry);

        await using (var ctx = await Core.Db.ReadAsync())
        {
            ctx.VoteChanges.OrderBy(c => c.ChangedAt).ThenBy(c => c.From).Select(c => new { c.From, c.To }).ToList()
                .Should().Equal(new { From = Choice.Avoid, To = Choice.Snog }, new { From = Choice.Snog, To = Choice.Marry });
        }

        await Core.Scenarios.ResetAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await using (var ctx = await Core.Db.ReadAsync())
        {
            ctx.VoteChanges.Should().BeEmpty();
        }
    }

    [Fact]
    public Task Rehearsal_RunsTheWholeVotePath_AndKeepsNothing() => RehearsalKeepsNothingAsync(Core);

    /// <summary>
    /// The start-up rehearsal (<see cref="VoteBatcher.RehearseAsync"/>) stores and changes a vote and
    /// counts it, then leaves every table as it was and the room's sequence numbers untouched.
    /// </summary>
    internal static async Task RehearsalKeepsNothingAsync(TestCore core)
    {
        var (session, scenarios) = await core.LiveSessionAsync();
        var person = (await core.JoinAsync(session.JoinCode, 1))[0];
        await core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        var first = await core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Snog);
        async Task<int[]> RowsAsync()
        {
            await using var ctx = await core.Db.ReadAsync();
            return [await ctx.Sessions.CountAsync(), await ctx.Scenarios.CountAsync(), await ctx.Participants.CountAsync(), await ctx.Votes.CountAsync(), await ctx.VoteChanges.CountAsync()];
        }

        var rows = await RowsAsync();

        var (results, lastSequence) = await core.Services.GetRequiredService<VotePathWarmUp>().RehearseAsync();

        results.Should().Be(new ScenarioResults(results.ScenarioId, 0, 1, 0));
        results.ScenarioId.Should().NotBe(scenarios[0].Id);
        lastSequence.Should().Be(2);
        (await RowsAsync()).Should().Equal(rows);
        (await core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Avoid)).Sequence.Should().Be(first.Sequence + 1);
        (await core.Voting.GetResultsAsync(scenarios[0].Id)).Should().Be(new ScenarioResults(scenarios[0].Id, 0, 0, 1));
    }
}
