using SnogMarryAvoid.Core;

namespace SnogMarryAvoid.Web.Components.Shared;

/// <summary>Gives a refused page the HTTP status that fits, while it is still being prerendered.</summary>
public static class PageStatus
{
    public static void From(HttpContext? context, DomainException error)
    {
        if (context is null || context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = error.Error switch
        {
            DomainError.Forbidden => StatusCodes.Status403Forbidden,
            DomainError.NotFound => StatusCodes.Status404NotFound,
            _ => context.Response.StatusCode,
        };
    }
}
