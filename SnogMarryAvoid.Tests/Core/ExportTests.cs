using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using SnogMarryAvoid.Core.Decks;
using SnogMarryAvoid.Core.Reports;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Core;

public class ExportTests : CoreTest
{
    private static readonly string[] Hostile =
    [
        "comma, and \"quotes\"",
        "line one\nline two",
        "emoji 🙂👩🏽‍⚕️",
        "מימין לשמאל عربي",
        "=HYPERLINK(\"http://evil.example\")",
        "+44 7700 900123",
        "-1",
        "@everyone",
    ];

    private static List<string[]> ReadCsv(string csv)
    {
        using var reader = new CsvReader(new StringReader(csv), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.Parser.Count).Select(i => reader.GetField(i) ?? "").ToArray());
        }

        return rows;
    }

    [Fact]
    public void VotesCsv_RoundTripsHostileText_AndNeutralisesFormulas()
    {
        var at = new DateTime(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);
        var votes = Hostile.Select((text, i) => new ExportedVote(1, text, "counterpart", Choice.Snog, text, at.AddSeconds(i), at.AddSeconds(i), Camp: text)).ToList();

        var csv = SessionExport.VotesCsv(votes);
        var rows = ReadCsv(csv);

        rows[0].Should().Equal("scenario", "public_body", "counterpart", "choice", "reason", "cast_at", "updated_at", "sequence", "camp");
        rows.Skip(1).Select(r => SnogMarryAvoid.Core.Csv.SpreadsheetSafe.Uncell(r[8])).Should().Equal(Hostile, "a hostile camp name is text too");
        rows.Skip(1).Select(r => SnogMarryAvoid.Core.Csv.SpreadsheetSafe.Uncell(r[4])).Should().Equal(Hostile);
        rows.Skip(1).Select(r => SnogMarryAvoid.Core.Csv.SpreadsheetSafe.Uncell(r[1])).Should().Equal(Hostile);
        rows.Skip(1).SelectMany(r => r).Should().OnlyContain(cell => cell.Length == 0 || !"=+-@".Contains(cell[0]));
    }

    [Fact]
    public async Task Exports_CarryResultsAndReasons_ButNoParticipantIdentifiers()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(1);
        var people = await Core.JoinAsync(session.JoinCode, 2);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        var marry = await Core.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Marry);
        var avoid = await Core.Voting.CastVoteAsync(people[1], scenarios[0].Id, Choice.Avoid);
        await Core.Voting.SetReasonAsync(people[0], scenarios[0].Id, "=cmd|' /C calc'!A0");
        var reports = (ReportService)Core.Services.GetService(typeof(ReportService))!;

        var results = SessionExport.ResultsCsv(await reports.GetAsync(session.Id, TestCore.Owner));
        var votes = SessionExport.VotesCsv(await reports.VotesAsync(session.Id, TestCore.Owner));
        var json = SessionExport.SessionJson(await reports.GetAsync(session.Id, TestCore.Owner), await reports.VotesAsync(session.Id, TestCore.Owner));

        ReadCsv(results)[1].Take(7).Should().Equal("1", "Public body 1", "Activist 1", "0", "1", "1", "2");
        ReadCsv(votes).Skip(1).Select(r => r[4]).Should().Contain("'=cmd|' /C calc'!A0");
        ReadCsv(votes).Skip(1).Select(r => (r[3], r[7])).Should().BeEquivalentTo([("Marry", marry.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Avoid", avoid.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            "each stored vote carries the sequence its acknowledgement gave");
        await using var ctx = await Core.Db.ReadAsync();
        foreach (var participant in await ctx.Participants.ToListAsync())
        {
            foreach (var file in new[] { results, votes, json })
            {
                file.Should().NotContain(participant.Id.ToString()).And.NotContain(participant.Key);
            }
        }
    }
}
