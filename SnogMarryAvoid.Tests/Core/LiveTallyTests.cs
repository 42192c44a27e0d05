using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Core;

/// <summary>
/// The tallies kept in memory (issue 20): a vote is counted by updating the tally, not by recounting the scenario's
/// rows, and the database stays the truth. After every kind of change, a restart and a second server on the same
/// database, the tally a server publishes is the database's count at the sequence it names.
/// </summary>
public class LiveTallyTests : CoreTest
{
    [Fact]
    public void LiveTally_CountsEachParticipantsLatestChoice_WhateverTheOrderItHearsThemIn()
    {
        var scenario = Guid.NewGuid();
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        (Guid, Choice, long)[] heard = [(a, Choice.Snog, 1), (b, Choice.Avoid, 2), (a, Choice.Marry, 3), (c, Choice.Snog, 4), (b, Choice.Marry, 5)];

        var inOrder = new LiveTally(scenario, null, 0);
        var backwards = new LiveTally(scenario, null, 0);
        var twice = new LiveTally(scenario, null, 0);
        foreach (var (who, choice, sequence) in heard)
        {
            inOrder.Apply(who, choice, sequence);
        }

        foreach (var (who, choice, sequence) in heard.Reverse())
        {
            backwards.Apply(who, choice, sequence);
        }

        foreach (var (who, choice, sequence) in heard.Concat(heard))
        {
            twice.Apply(who, choice, sequence);
        }

        var expected = new ScenarioResults(scenario, 1, 2, 0);
        inOrder.Results.Should().Be(expected);
        backwards.Results.Should().Be(expected, "a choice is replaced only by a later one");
        twice.Results.Should().Be(expected, "a vote heard twice (from its batch and from the database) counts once");
        twice.Voters.Should().Be(3);
    }

    [Fact]
    public async Task PublishedTallies_AreTheDatabasesCount_AfterVotesChangesRepeatsRefusalsAResetAndTheNextScenario()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(2);
        var people = await Core.JoinAsync(session.JoinCode, 24);
        using var recorder = new EventRecorder(Core.Events, session.Id);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);

        // Everyone at once, then changes of mind, repeats and a refused vote in one burst.
        await Task.WhenAll(people.Select((p, i) => Core.Voting.CastVoteAsync(p, scenarios[0].Id, (Choice)((i % 3) + 1))));
        await ExpectPublishedIsTheDatabaseAsync(recorder, session.Id, scenarios[0].Id);
        var burst = people.Take(6).Select(p => Core.Voting.CastVoteAsync(p, scenarios[0].Id, Choice.Avoid))
            .Concat(people.Skip(6).Take(4).Select((p, i) => Core.Voting.CastVoteAsync(p, scenarios[0].Id, (Choice)(((i + 6) % 3) + 1))))
            .Append(Core.Voting.CastVoteAsync(Guid.NewGuid(), scenarios[0].Id, Choice.Snog)).ToList();
        await Task.WhenAll(burst.Select(async t =>
        {
            try
            {
                await t;
            }
            catch (SnogMarryAvoid.Core.DomainException)
            {
                // The stranger's vote is refused on its own.
            }
        }));
        (await ExpectPublishedIsTheDatabaseAsync(recorder, session.Id, scenarios[0].Id)).Avoid.Should().Be(8 + 4);

        // A reset wipes the votes; the next opening is counted afresh, not on top of the old tally.
        await Core.Scenarios.CloseAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Core.Scenarios.ResetAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Task.WhenAll(people.Take(4).Select(p => Core.Voting.CastVoteAsync(p, scenarios[0].Id, Choice.Marry)));
        (await ExpectPublishedIsTheDatabaseAsync(recorder, session.Id, scenarios[0].Id)).Should().Be(new ScenarioResults(scenarios[0].Id, 0, 4, 0));

        // Closed and opened again: the votes it kept are counted, and the new ones with them.
        await Core.Scenarios.CloseAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Core.Voting.CastVoteAsync(people[10], scenarios[0].Id, Choice.Snog);
        (await ExpectPublishedIsTheDatabaseAsync(recorder, session.Id, scenarios[0].Id)).Should().Be(new ScenarioResults(scenarios[0].Id, 1, 4, 0));

        // The next scenario has a tally of its own.
        await Core.Scenarios.OpenAsync(session.Id, scenarios[1].Id, TestCore.Owner);
        await Task.WhenAll(people.Take(5).Select(p => Core.Voting.CastVoteAsync(p, scenarios[1].Id, Choice.Snog)));
        (await ExpectPublishedIsTheDatabaseAsync(recorder, session.Id, scenarios[1].Id)).Should().Be(new ScenarioResults(scenarios[1].Id, 5, 0, 0));
    }

    [Fact]
    public async Task AServerStartedAgain_CountsFromTheDatabase_TheVotesItStoredBeforeAndTheNewOnes()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(1);
        var people = await Core.JoinAsync(session.JoinCode, 10);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Task.WhenAll(people.Take(6).Select(p => Core.Voting.CastVoteAsync(p, scenarios[0].Id, Choice.Marry)));

        await using var restarted = await Core.SameDatabaseAsync();
        using var recorder = new EventRecorder(restarted.Events, session.Id);
        await Task.WhenAll(people.Skip(6).Select(p => restarted.Voting.CastVoteAsync(p, scenarios[0].Id, Choice.Avoid)));
        await restarted.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Snog);

        var published = await ExpectPublishedIsTheDatabaseAsync(recorder, session.Id, scenarios[0].Id, restarted);
        published.Should().Be(new ScenarioResults(scenarios[0].Id, 1, 5, 4));
    }

    [Fact]
    public async Task TwoServersOnOneDatabase_EachCountsTheOthersVotesToo_AndTheOneLeftCarriesOnAfterTheOtherGoes()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(1);
        var people = await Core.JoinAsync(session.JoinCode, 30);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        var other = await Core.SameDatabaseAsync();
        using var onA = new EventRecorder(Core.Events, session.Id);
        using var onB = new EventRecorder(other.Events, session.Id);

        // Votes through both servers in turn: each server's block of sequence numbers comes after a block of the
        // other's, which it has not seen, so it reads those from the database before it publishes.
        for (var round = 0; round < 3; round++)
        {
            var mine = people.Skip(round * 10).Take(10).ToList();
            await Task.WhenAll(mine.Take(5).Select(p => Core.Voting.CastVoteAsync(p, scenarios[0].Id, (Choice)((round % 3) + 1))));
            await ExpectPublishedIsTheDatabaseAsync(onA, session.Id, scenarios[0].Id);
            await Task.WhenAll(mine.Skip(5).Select(p => other.Voting.CastVoteAsync(p, scenarios[0].Id, Choice.Avoid)));
            await other.Voting.CastVoteAsync(people[round], scenarios[0].Id, Choice.Marry);
            await ExpectPublishedIsTheDatabaseAsync(onB, session.Id, scenarios[0].Id, other);
        }

        // Server B goes; A takes its phones, and its tally still holds B's votes.
        await other.DisposeAsync();
        await Task.WhenAll(people.Skip(5).Take(5).Select(p => Core.Voting.CastVoteAsync(p, scenarios[0].Id, Choice.Snog)));
        var last = await ExpectPublishedIsTheDatabaseAsync(onA, session.Id, scenarios[0].Id);
        last.Total.Should().Be(30);
    }

    [Fact]
    public async Task ATallyThatDiffersFromTheDatabase_IsFoundByTheCheck_BuiltAgain_AndPublished()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(1);
        var people = await Core.JoinAsync(session.JoinCode, 5);
        using var recorder = new EventRecorder(Core.Events, session.Id);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Task.WhenAll(people.Select(p => Core.Voting.CastVoteAsync(p, scenarios[0].Id, Choice.Snog)));
        await recorder.WaitForAsync<ResultsChanged>(e => e.Results.Snog == 5);

        // Something outside the app changes the rows (a hand-made fix in the database): the tally in memory is now wrong.
        await using (var ctx = await Core.Db.ReadAsync())
        {
            await ctx.Votes.Where(v => v.ParticipantId == people[0]).ExecuteUpdateAsync(u => u.SetProperty(v => v.Choice, Choice.Avoid), TestContext.Current.CancellationToken);
        }

        await Core.Services.GetRequiredService<TallyBroadcaster>().CheckNowAsync(session.Id);

        (await recorder.WaitForAsync<ResultsChanged>(e => e.Results.Avoid == 1)).Results.Should().Be(new ScenarioResults(scenarios[0].Id, 4, 0, 1));
        await Core.Voting.CastVoteAsync(people[1], scenarios[0].Id, Choice.Marry);
        (await ExpectPublishedIsTheDatabaseAsync(recorder, session.Id, scenarios[0].Id)).Should().Be(new ScenarioResults(scenarios[0].Id, 3, 1, 1));
    }

    [Fact]
    public async Task AVote_CostsFourDatabaseCommands_AndItsTallyNone()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(1);
        var people = await Core.JoinAsync(session.JoinCode, 2);
        using var recorder = new EventRecorder(Core.Events, session.Id);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Core.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Snog);
        await recorder.WaitForAsync<ResultsChanged>(e => e.Results.Total == 1);

        var before = Core.Commands.Count;
        await Core.Voting.CastVoteAsync(people[1], scenarios[0].Id, Choice.Marry);
        await recorder.WaitForAsync<ResultsChanged>(e => e.Results.Total == 2);

        // The scenario with its session, the votes already there, the block of sequence numbers, the new row: the
        // participant's session is known from its join, and the tally is counted in memory (it was a GROUP BY and
        // two more queries for every pass, and eight commands for the vote).
        (Core.Commands.Count - before).Should().Be(4);
    }

    /// <summary>
    /// Waits for the results event that names the session's last sequence, and checks its tally is the database's
    /// count of the scenario; returns it.
    /// </summary>
    private async Task<ScenarioResults> ExpectPublishedIsTheDatabaseAsync(EventRecorder recorder, Guid sessionId, Guid scenarioId, TestCore? server = null)
    {
        var core = server ?? Core;
        var (counted, sequence) = await core.Voting.GetResultsWithSequenceAsync(sessionId, scenarioId);
        var published = await recorder.WaitForAsync<ResultsChanged>(e => e.Results.ScenarioId == scenarioId && e.LastSequence >= sequence);
        published.Results.Should().Be(counted, "the tally in memory is the database's count at sequence {0}", sequence);
        return published.Results;
    }
}
