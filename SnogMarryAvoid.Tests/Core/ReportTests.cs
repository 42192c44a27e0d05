using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Reports;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Core;

public class ReportTests : CoreTest
{
    private ReportService Reports => (ReportService)Core.Services.GetService(typeof(ReportService))!;

    [Theory]
    [InlineData(10, 0, 0, 0.0)]
    [InlineData(0, 0, 0, 0.0)]
    [InlineData(5, 5, 5, 1.0)]
    [InlineData(3, 3, 0, 0.6309)]
    [InlineData(8, 1, 1, 0.5817)]
    public void Polarisation_IsNormalisedEntropy(int snog, int marry, int avoid, double expected)
    {
        Polarisation.Of(new ScenarioResults(Guid.NewGuid(), snog, marry, avoid)).Should().BeApproximately(expected, 0.0001);
    }

    [Fact]
    public void MostDivided_FlagsTheTopScoresAboveTheFloor()
    {
        Polarisation.MostDivided([0.2, 0.98, 0.95, 0.6]).Should().Equal(false, true, true, false);
        Polarisation.MostDivided([0.1, 0.3]).Should().Equal(false, false);
    }

    [Fact]
    public void Switches_CountNetMovesFromFirstToLastChoice()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid(), d = Guid.NewGuid();
        var t = new DateTime(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);
        VoteChange Change(Guid who, Choice from, Choice to, int minute) => new() { ParticipantId = who, From = from, To = to, ChangedAt = t.AddMinutes(minute) };
        var changes = new[]
        {
            Change(a, Choice.Avoid, Choice.Snog, 1),
            Change(b, Choice.Avoid, Choice.Snog, 1), Change(b, Choice.Snog, Choice.Marry, 2),
            Change(c, Choice.Snog, Choice.Avoid, 1), Change(c, Choice.Avoid, Choice.Snog, 3),
            Change(d, Choice.Avoid, Choice.Snog, 2),
        };
        var final = new Dictionary<Guid, Choice> { [a] = Choice.Snog, [b] = Choice.Marry, [c] = Choice.Snog, [d] = Choice.Snog };

        Switches.Count(changes, final).Should().Equal(
            new SwitchCount(Choice.Avoid, Choice.Snog, 2),
            new SwitchCount(Choice.Avoid, Choice.Marry, 1));
    }

    [Fact]
    public async Task Report_GivesCountsSwitchesParticipationAndVisibleReasons()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(2);
        var people = await Core.JoinAsync(session.JoinCode, 4);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Core.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Avoid);
        await Core.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Snog);
        await Core.Voting.CastVoteAsync(people[1], scenarios[0].Id, Choice.Marry);
        await Core.Voting.CastVoteAsync(people[2], scenarios[0].Id, Choice.Avoid);
        await Core.Voting.SetReasonAsync(people[1], scenarios[0].Id, "Long-term trust.");
        await Core.Voting.SetReasonAsync(people[2], scenarios[0].Id, "Offensive words");
        var moderation = (ModerationService)Core.Services.GetService(typeof(ModerationService))!;
        var hidden = (await moderation.ListAsync(session.Id, scenarios[0].Id, TestCore.Owner)).Single(r => r.Text == "Offensive words");
        await moderation.SetHiddenAsync(session.Id, hidden.VoteId, TestCore.Owner, true);

        var report = await Reports.GetAsync(session.Id, TestCore.Owner);
        var first = report.Scenarios[0];

        report.Participants.Should().Be(4);
        first.Results.Should().Be(new ScenarioResults(scenarios[0].Id, 1, 1, 1));
        first.Polarisation.Should().Be(1.0);
        first.MostDivided.Should().BeTrue();
        first.Switches.Should().Equal(new SwitchCount(Choice.Avoid, Choice.Snog, 1));
        (first.Joined, first.Voted).Should().Be((4, 3));
        first.Reasons[Choice.Marry].Should().Equal("Long-term trust.");
        first.Reasons[Choice.Avoid].Should().BeEmpty("hidden reasons are left out");
        report.Scenarios[1].Voted.Should().Be(0);
        report.Scenarios[1].MostDivided.Should().BeFalse();

        first.Words[Choice.Marry].Should().Equal(new RoomWord("long", 1), new RoomWord("term", 1), new RoomWord("trust", 1));
        first.Words[Choice.Avoid].Should().BeEmpty("a hidden reason's words are never counted");
        first.Place.Should().Be(new TernaryPoint(0.5, 0.5774), "an even three-way split is the triangle's centre");
        report.Scenarios[1].Place.Should().BeNull("nobody voted on it");

        var withHidden = (await Reports.GetAsync(session.Id, TestCore.Owner, includeHidden: true)).Scenarios[0];
        withHidden.Reasons[Choice.Avoid].Should().Equal("Offensive words");
        withHidden.Words[Choice.Avoid].Should().BeEmpty("not even for a reader who asked to see hidden reasons");
        var other = () => Reports.GetAsync(session.Id, TestCore.OtherFacilitator);
        (await other.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.Forbidden);
    }

    [Theory]
    [InlineData(0.0, "0.00 (agreed)")]
    [InlineData(0.34, "0.34 (agreed)")]
    [InlineData(0.58, "0.58 (leaned one way)")]
    [InlineData(0.63, "0.63 (divided)")]
    [InlineData(0.87, "0.87 (very divided)")]
    [InlineData(1.0, "1.00 (very divided)")]
    public void HowDivided_IsSaidInWords_TheSameOnEveryPage(double score, string said)
    {
        SnogMarryAvoid.Core.Reports.Polarisation.Describe(score).Should().Be(said);
        SnogMarryAvoid.Core.Reports.Polarisation.Definition.Should().Contain("0.63").And.Contain("very divided");
    }

    [Fact]
    public async Task DownloadNames_CarryTheSessionsTitleAndDay_SoTwoRoomsNeverShareAName()
    {
        var (session, _) = await Core.LiveSessionAsync(1, "Social Media Week, London: <b>day 2</b>!");
        var view = await Core.Sessions.GetAsync(session.Id, TestCore.Owner);
        var day = view.StartedAt!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        SnogMarryAvoid.Core.Reports.SessionExport.FileName(view, "results", "csv").Should().Be($"social-media-week-london-b-day-2-b-{day}-results.csv");
        var untitled = view with { Room = view.Room with { Title = "«»" } };
        SnogMarryAvoid.Core.Reports.SessionExport.FileName(untitled, "votes", "csv").Should().Be($"session-{day}-votes.csv");
    }
}
