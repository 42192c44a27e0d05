using System.Security.Claims;
using System.Text;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Reports;
using SnogMarryAvoid.Web.Accounts;
using SnogMarryAvoid.Web.Http;

namespace SnogMarryAvoid.Web.Files;

public static class ReportEndpoints
{
    /// <summary>
    /// <c>GET /reports/{id}/results.csv</c>, <c>votes.csv</c> and <c>session.json</c>: a session's data for
    /// whoever may manage it. <c>?hidden=true</c> includes reasons the facilitator hid.
    /// </summary>
    public static void MapReportEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/reports/{sessionId:guid}/{file}", async (Guid sessionId, string file, string? hidden, ClaimsPrincipal user, ReportService reports) =>
        {
            var actor = ActorOf.User(user);
            if (IncludeHidden(hidden) is not { } includeHidden)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request",
                    detail: "hidden must be true or false (or 1 or 0): whether to include the reasons the facilitator hid.");
            }

            try
            {
                if (file is not ("results.csv" or "votes.csv" or "session.json"))
                {
                    return Results.NotFound();
                }

                // Downloads are named after the session and its day, never just "results.csv".
                var report = await reports.GetAsync(sessionId, actor, includeHidden);
                var (what, extension) = (Path.GetFileNameWithoutExtension(file), Path.GetExtension(file)[1..]);
                var name = SessionExport.FileName(report.Session, what, extension);
                return file switch
                {
                    "results.csv" => Text(SessionExport.ResultsCsv(report), "text/csv", name),
                    "votes.csv" => Text(SessionExport.VotesCsv(await reports.VotesAsync(sessionId, actor, includeHidden)), "text/csv", name),
                    _ => Text(SessionExport.SessionJson(report, await reports.VotesAsync(sessionId, actor, includeHidden)), "application/json", name),
                };
            }
            catch (DomainException ex)
            {
                return PageStatus.Problem(ex);
            }
        }).RequireAuthorization(p => p.RequireRole(Roles.Organiser, Roles.Facilitator));

    /// <summary>The <c>hidden</c> query: absent is false; true, false, 1 and 0 are understood; anything else is null.</summary>
    public static bool? IncludeHidden(string? hidden) => hidden?.Trim().ToLowerInvariant() switch
    {
        null or "" or "false" or "0" => false,
        "true" or "1" => true,
        _ => null,
    };

    private static IResult Text(string content, string type, string name) => Results.File(Encoding.UTF8.GetBytes(content), type, name);
}
