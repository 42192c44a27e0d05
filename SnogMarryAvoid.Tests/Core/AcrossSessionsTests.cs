using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Reports;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Core;

public class AcrossSessionsTests : CoreTest
{
    private AcrossSessions Across => (AcrossSessions)Core.Services.GetService(typeof(AcrossSessions))!;

    /// <summary>A session that ran some scenarios, each with the given votes.</summary>
    private async Task<Guid> RoomAsync(Actor owner, string title, params (string Body, string Counterpart, Choice[] Votes)[] scenarios)
    {
        var session = await Core.Sessions.CreateAsync(title, owner);
        var added = new List<Guid>();
        foreach (var (body, counterpart, _) in scenarios)
        {
            added.Add((await Core.Decks.AddAsync(session.Id, owner, body, counterpart, null)).Id);
        }

        await Core.Sessions.StartAsync(session.Id, owner);
        var people = await Core.JoinAsync(session.JoinCode, scenarios.Max(s => s.Votes.Length));
        foreach (var ((_, _, votes), id) in scenarios.Zip(added))
        {
            await Core.Scenarios.OpenAsync(session.Id, id, owner);
            foreach (var (choice, person) in votes.Zip(people))
            {
                await Core.Voting.CastVoteAsync(person, id, choice);
            }
        }

        return session.Id;
    }

    private async Task<(Guid S1, Guid S2, Guid S3)> ThreeRoomsAsync()
    {
        var s1 = await RoomAsync(TestCore.Owner, "Leeds",
            ("NHS Trust", "Blogger", [Choice.Snog, Choice.Snog, Choice.Marry]),
            ("Council", "Facebook group", [Choice.Avoid, Choice.Avoid]));
        var s2 = await RoomAsync(TestCore.Owner, "London",
            ("  nhs   trust ", "BLOGGER", [Choice.Snog, Choice.Avoid]),
            ("Council", "Blogger", [Choice.Marry]));
        var s3 = await RoomAsync(TestCore.OtherFacilitator, "Manchester",
            ("NHS Trust", "Blogger", [Choice.Avoid, Choice.Avoid, Choice.Avoid]));
        return (s1, s2, s3);
    }

    [Fact]
    public async Task Compare_MatchesBodyAndCounterpartIgnoringCaseAndSpaces_WithinWhatTheActorMaySee()
    {
        var (s1, s2, s3) = await ThreeRoomsAsync();

        var mine = await Across.CompareAsync(TestCore.Owner);
        var all = await Across.CompareAsync(TestCore.Organiser);

        var nhs = mine.Should().ContainSingle().Which;
        (nhs.PublicBody, nhs.Counterpart).Should().Be(("NHS Trust", "Blogger"));
        nhs.Rooms.Select(r => (r.SessionId, r.Results.Snog, r.Results.Marry, r.Results.Avoid))
            .Should().Equal((s1, 2, 1, 0), (s2, 1, 0, 1));
        all.Should().ContainSingle().Which.Rooms.Select(r => r.SessionId).Should().Equal(s1, s2, s3);
    }

    [Fact]
    public async Task Matrix_SumsEachPairingAndNamesItsDominantVerdict()
    {
        await ThreeRoomsAsync();

        var matrix = await Across.MatrixAsync(TestCore.Owner);

        matrix.PublicBodies.Should().Equal("Council", "NHS Trust");
        matrix.Counterparts.Should().Equal("Blogger", "Facebook group");
        var nhs = matrix.Cell("nhs trust", "blogger")!;
        (nhs.Totals.Snog, nhs.Totals.Marry, nhs.Totals.Avoid, nhs.Votes, nhs.Dominant).Should().Be((3, 1, 1, 5, Verdict.Snog));
        nhs.Polarisation.Should().BeApproximately(Polarisation.Of(new ScenarioResults(Guid.Empty, 3, 1, 1)), 1e-9);
        matrix.Cell("Council", "Facebook group")!.Dominant.Should().Be(Verdict.Avoid);
        matrix.Cell("Council", "Blogger")!.Dominant.Should().Be(Verdict.Marry);
        matrix.Cell("NHS Trust", "Facebook group").Should().BeNull("nobody ran that pairing");
    }

    [Fact]
    public async Task Matrix_OverAChosenSetOfSessions()
    {
        var (_, _, s3) = await ThreeRoomsAsync();

        var matrix = await Across.MatrixAsync(TestCore.Organiser, [s3]);
        var onlyMine = await Across.MatrixAsync(TestCore.Owner, [s3]);

        matrix.Cells.Should().ContainSingle().Which.Dominant.Should().Be(Verdict.Avoid);
        onlyMine.Cells.Should().BeEmpty("a facilitator cannot reach another's session by naming it");
    }
}
