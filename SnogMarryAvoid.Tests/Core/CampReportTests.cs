using SnogMarryAvoid.Core.Camps;
using SnogMarryAvoid.Core.Reports;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Core;

/// <summary>Camps after the session (issue 18): the report's split, the exports' camp column, the matrix and comparison by camp.</summary>
public sealed class CampReportTests : CoreTest
{
    private CampService Camps => (CampService)Core.Services.GetService(typeof(CampService))!;

    private ReportService Reports => (ReportService)Core.Services.GetService(typeof(ReportService))!;

    private AcrossSessions Across => (AcrossSessions)Core.Services.GetService(typeof(AcrossSessions))!;

    /// <summary>
    /// A session on "Council meets Blogger": three public bodies marry, three online avoid, one charity snogs
    /// (too few to be shown), and two who gave no camp snog.
    /// </summary>
    private async Task<(Guid Session, IReadOnlyList<Guid> People)> RoomAsync(string title = "Camps room")
    {
        var (session, _) = await Core.LiveSessionAsync(0, title);
        var scenario = await Core.Decks.AddAsync(session.Id, TestCore.Owner, "Council", "Blogger", null);
        await Camps.SetAsync(session.Id, TestCore.Owner, CampSettings.Off with { Ask = true });
        var people = await Core.JoinAsync(session.JoinCode, 9);
        await Core.Scenarios.OpenAsync(session.Id, scenario.Id, TestCore.Owner);
        for (var i = 0; i < 9; i++)
        {
            int? camp = i < 3 ? 0 : i < 6 ? 2 : i == 6 ? 1 : null;
            if (camp is not null)
            {
                await Camps.ChooseAsync(people[i], camp);
            }

            await Core.Voting.CastVoteAsync(people[i], scenario.Id, i < 3 ? Choice.Marry : i < 6 ? Choice.Avoid : Choice.Snog);
            await Core.Voting.SetReasonAsync(people[i], scenario.Id, $"Reason {i}");
        }

        await Core.Scenarios.RevealAsync(session.Id, scenario.Id, TestCore.Owner);
        return (session.Id, people);
    }

    [Fact]
    public async Task TheReport_SplitsEachScenarioByCamp_UnderTheThreePersonRule()
    {
        var (session, _) = await RoomAsync();

        var report = await Reports.GetAsync(session, TestCore.Owner);

        report.Camps.Should().Equal(CampRules.Defaults);
        var split = report.Scenarios.Single().Camps!;
        split.Camps.Select(c => c.Results?.Total).Should().Equal(3, null, 3, null);
        split.Others.Should().Be(3);
        split.WidestGap!.Text.Should().Be("Public bodies: marry 100 % · Online: avoid 100 %");
    }

    [Fact]
    public async Task TheExports_CarryTheCamp_OnlyWhereItIsShown_AndNeverAParticipantId()
    {
        var (session, people) = await RoomAsync();

        var votes = await Reports.VotesAsync(session, TestCore.Owner);

        votes.Select(v => v.Camp).Should().BeEquivalentTo(
            [.. Enumerable.Repeat<string?>("A public body", 3), .. Enumerable.Repeat<string?>("Online: blogger, activist, creator", 3), null, null, null],
            "the charity's one person is not named: with a reason, a camp of one is a person");
        var csv = SessionExport.VotesCsv(votes);
        csv.Split('\n')[0].TrimEnd('\r').Should().Be("scenario,public_body,counterpart,choice,reason,cast_at,updated_at,sequence,camp");
        var json = SessionExport.SessionJson(await Reports.GetAsync(session, TestCore.Owner), votes);
        json.Should().Contain("\"camp\": \"A public body\"");
        foreach (var id in people)
        {
            csv.Should().NotContain(id.ToString());
            json.Should().NotContain(id.ToString());
        }
    }

    [Fact]
    public async Task TheMatrixAndTheComparison_CanBeFilteredByCamp()
    {
        await RoomAsync("First room");
        await RoomAsync("Second room");
        var (plain, _) = await Core.LiveSessionAsync(0, "A room that never asked");
        var scenario = await Core.Decks.AddAsync(plain.Id, TestCore.Owner, "Council", "Blogger", null);
        await Core.Scenarios.OpenAsync(plain.Id, scenario.Id, TestCore.Owner);
        await Core.Voting.CastVoteAsync((await Core.JoinAsync(plain.JoinCode, 1))[0], scenario.Id, Choice.Snog);

        (await Across.CampsAsync(TestCore.Owner)).Should().Equal(CampRules.Defaults.Select(c => c.Name).Order(StringComparer.OrdinalIgnoreCase));
        (await Across.MatrixAsync(TestCore.Owner)).Cells.Single().Votes.Should().Be(19);

        var online = await Across.MatrixAsync(TestCore.Owner, null, "online: BLOGGER,  activist, creator");
        online.Cells.Single().Totals.Should().Be(new ScenarioResults(Guid.Empty, 0, 0, 6));
        var comparison = (await Across.CompareAsync(TestCore.Owner, "A public body")).Single();
        comparison.Rooms.Select(r => r.SessionTitle).Should().Equal("First room", "Second room");
        comparison.Rooms.Should().OnlyContain(r => r.Results.Marry == 3 && r.Results.Total == 3);
        (await Across.MatrixAsync(TestCore.Owner, null, "A charity or campaign")).Cells.Should().BeEmpty("one person a room is never shown on their own");
    }
}
