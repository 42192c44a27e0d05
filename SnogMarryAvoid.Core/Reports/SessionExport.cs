using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SnogMarryAvoid.Core.Csv;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Core.Reports;

/// <summary>
/// One vote as exported: no participant key or id, nothing that identifies a person. <see cref="Sequence"/>
/// is the session's vote sequence number the vote's current choice was acknowledged with, so a client
/// (the load tool) can check that every acknowledged vote was stored. <see cref="Camp"/> is the voter's camp,
/// only where that camp is shown on its own in the scenario's split (the three-person rule).
/// </summary>
public sealed record ExportedVote(int ScenarioOrder, string PublicBody, string Counterpart, Choice Choice, string? Reason, DateTime CastAt, DateTime UpdatedAt, long Sequence = 0, string? Camp = null);

/// <summary>The session itself, as the JSON export names it.</summary>
public sealed record ExportedSession(
    Guid Id, string Title, string JoinCode, SessionPhase Phase, Guid? CurrentScenarioId,
    DateTime CreatedAt, DateTime? StartedAt, DateTime? EndedAt, string? OwnerId, IReadOnlyList<ScenarioView> Scenarios);

/// <summary>The whole JSON export of a session (<c>session.json</c>): the session, its report scenario by scenario, and every vote.</summary>
public sealed record SessionFile(ExportedSession Session, int Participants, IReadOnlyList<ScenarioReport> Scenarios, IReadOnlyList<ExportedVote> Votes);

/// <summary>
/// A session as files: results per scenario and votes with reasons as CSV (cells that could run as
/// spreadsheet formulas are neutralised), and the whole report as JSON.
/// </summary>
public static class SessionExport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The name a download of <paramref name="session"/> gets: its title and the day it ran, then what it
    /// is ("social-media-week-london-2026-09-28-results.csv"), so that two rooms' files never share a name.
    /// </summary>
    public static string FileName(ManagerView session, string what, string extension)
    {
        var safe = new string(session.Title.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());
        while (safe.Contains("--", StringComparison.Ordinal))
        {
            safe = safe.Replace("--", "-", StringComparison.Ordinal);
        }

        safe = safe.Trim('-');
        safe = safe[..Math.Min(safe.Length, 60)].TrimEnd('-');
        var day = (session.StartedAt ?? session.CreatedAt).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return $"{(safe.Length == 0 ? "session" : safe)}-{day}-{what}.{extension}";
    }

    public static string ResultsCsv(SessionReport report) => SpreadsheetSafe.Csv(
        ["scenario", "public_body", "counterpart", "snog", "marry", "avoid", "total", "snog_percent", "marry_percent", "avoid_percent", "verdict", "polarisation", "most_divided", "switchers", "joined", "voted"],
        report.Scenarios.Select(s => new object?[]
        {
            s.Scenario.Order, s.Scenario.PublicBody, s.Scenario.Counterpart, s.Results.Snog, s.Results.Marry, s.Results.Avoid, s.Results.Total,
            s.Results.Percent(Choice.Snog), s.Results.Percent(Choice.Marry), s.Results.Percent(Choice.Avoid), s.Results.Verdict,
            s.Polarisation.ToString("0.####", CultureInfo.InvariantCulture), s.MostDivided, s.Switchers, s.Joined, s.Voted,
        }));

    public static string VotesCsv(IEnumerable<ExportedVote> votes) => SpreadsheetSafe.Csv(
        ["scenario", "public_body", "counterpart", "choice", "reason", "cast_at", "updated_at", "sequence", "camp"],
        votes.Select(v => new object?[] { v.ScenarioOrder, v.PublicBody, v.Counterpart, v.Choice, v.Reason, v.CastAt.ToString("O"), v.UpdatedAt.ToString("O"), v.Sequence, v.Camp }));

    public static string SessionJson(SessionReport report, IEnumerable<ExportedVote> votes)
    {
        var s = report.Session;
        var session = new ExportedSession(s.Id, s.Title, s.JoinCode, s.Phase, s.Current?.Id, s.CreatedAt, s.StartedAt, s.EndedAt, s.OwnerId, s.Scenarios);
        return JsonSerializer.Serialize(new SessionFile(session, report.Participants, report.Scenarios, [.. votes]), Json);
    }

    /// <summary>Reads a <c>session.json</c> this app wrote (the load tool audits a run with it).</summary>
    public static SessionFile ReadJson(string json) =>
        JsonSerializer.Deserialize<SessionFile>(json, Json) ?? throw new JsonException("The export is empty.");
}
