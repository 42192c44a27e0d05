using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Core;

/// <summary>The end tells the story: what the room decided, and for each participant how often the room agreed with them.</summary>
public class RecapTests : CoreTest
{
    /// <summary>Four scenarios: the first revealed (marry), the second revealed (split), the third closed unrevealed, the fourth never opened.</summary>
    private async Task<(Guid Session, IReadOnlyList<Guid> Scenarios, IReadOnlyList<Guid> People)> RoomAsync(bool resultsLive = false)
    {
        var (session, scenarios) = await Core.LiveSessionAsync(4);
        await Core.Sessions.SetResultsLiveAsync(session.Id, TestCore.Owner, resultsLive);
        var people = await Core.JoinAsync(session.JoinCode, 3);
        async Task Run(int i, Choice[] choices, bool reveal)
        {
            await Core.Scenarios.OpenAsync(session.Id, scenarios[i].Id, TestCore.Owner);
            for (var p = 0; p < choices.Length; p++)
            {
                await Core.Voting.CastVoteAsync(people[p], scenarios[i].Id, choices[p]);
            }

            await Core.Scenarios.CloseAsync(session.Id, scenarios[i].Id, TestCore.Owner);
            if (reveal)
            {
                await Core.Scenarios.RevealAsync(session.Id, scenarios[i].Id, TestCore.Owner);
            }
        }

        await Run(0, [Choice.Marry, Choice.Marry, Choice.Avoid], reveal: true);
        await Run(1, [Choice.Snog, Choice.Avoid], reveal: true);
        await Run(2, [Choice.Avoid, Choice.Avoid, Choice.Avoid], reveal: false);
        return (session.Id, scenarios.Select(s => s.Id).ToList(), people);
    }

    [Fact]
    public async Task AtTheEnd_TheRoomsViewCarriesTheRecap_OfWhatTheRoomSawRevealed()
    {
        var (session, scenarios, _) = await RoomAsync();
        (await Core.Sessions.GetRoomViewAsync(session, TestCore.Owner)).Recap.Should().BeNull("the session is not over");

        var ended = await Core.Sessions.EndAsync(session, TestCore.Owner);

        var recap = ended.Recap!.Scenarios;
        recap.Select(r => r.Scenario.Id).Should().Equal(scenarios[0], scenarios[1]);
        recap[0].Results.Should().Be(new ScenarioResults(scenarios[0], 0, 2, 1));
        recap[0].VerdictText.Should().Be("The room says: marry!");
        recap[1].VerdictText.Should().Be("The room is split.");
        recap.Select(r => r.MostDivided).Should().Equal(false, true);
    }

    [Fact]
    public async Task InAResultsLiveSession_TheRecapHasEveryScenarioTheRoomVotedOn()
    {
        var (session, scenarios, _) = await RoomAsync(resultsLive: true);

        var ended = await Core.Sessions.EndAsync(session, TestCore.Owner);

        ended.Recap!.Scenarios.Select(r => r.Scenario.Id).Should().Equal(scenarios[0], scenarios[1], scenarios[2]);
    }

    [Fact]
    public async Task EachParticipant_HearsHowOftenTheRoomAgreedWithThem_OnlyOnceItHasEnded()
    {
        var (session, _, people) = await RoomAsync();
        var early = () => Core.Voting.GetRecapAsync(people[0]);
        (await early.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.InvalidTransition);

        await Core.Sessions.EndAsync(session, TestCore.Owner);

        // Marry agreed with the first verdict; the split agrees with nobody; the third was never revealed.
        (await Core.Voting.GetRecapAsync(people[0])).Should().Be(new ParticipantRecap(Voted: 3, Scenarios: 4, AgreedWithTheRoom: 1));
        (await Core.Voting.GetRecapAsync(people[2])).Should().Be(new ParticipantRecap(Voted: 2, Scenarios: 4, AgreedWithTheRoom: 0));
    }
}
