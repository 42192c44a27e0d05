using System.Security.Claims;
using System.Text;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Decks;
using SnogMarryAvoid.Core.Reports;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Web.Accounts;
using SnogMarryAvoid.Web.Http;

namespace SnogMarryAvoid.Web.Files;

public static class DeckEndpoints
{
    /// <summary><c>GET /facilitate/{id}/deck.json|csv</c>: the deck as a file, for whoever may manage the session.</summary>
    public static void MapDeckEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/facilitate/{sessionId:guid}/deck.{format}", async (Guid sessionId, string format, ClaimsPrincipal user, SessionService sessions) =>
        {
            ManagerView session;
            try
            {
                session = await sessions.GetAsync(sessionId, ActorOf.User(user));
            }
            catch (DomainException ex)
            {
                return PageStatus.Problem(ex);
            }

            var entries = DeckService.Entries(session);
            return format switch
            {
                "json" => Results.File(Encoding.UTF8.GetBytes(DeckFile.ToJson(entries, session.CampSettings.Ask ? session.CampSettings.Camps : null)), "application/json", SessionExport.FileName(session, "deck", "json")),
                "csv" => Results.File(Encoding.UTF8.GetBytes(DeckFile.ToCsv(entries)), "text/csv", SessionExport.FileName(session, "deck", "csv")),
                _ => Results.NotFound(),
            };
        }).RequireAuthorization(p => p.RequireRole(Roles.Organiser, Roles.Facilitator));
}
