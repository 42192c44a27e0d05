using SnogMarryAvoid.Core;

namespace SnogMarryAvoid.Web.Http;

/// <summary>The HTTP status that fits a refusal, for pages (while prerendering) and file endpoints alike.</summary>
public static class PageStatus
{
    public static int For(DomainError error) => error switch
    {
        DomainError.Forbidden => StatusCodes.Status403Forbidden,
        DomainError.NotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>Sets the status of a page that was refused, if its response has not started.</summary>
    public static void From(HttpContext? context, DomainException error)
    {
        if (context is not null && !context.Response.HasStarted)
        {
            context.Response.StatusCode = For(error.Error);
        }
    }

    /// <summary>A file endpoint's answer to a refusal: a problem with the message, and the fitting status.</summary>
    public static IResult Problem(DomainException error) => Results.Problem(error.Message, statusCode: For(error.Error));
}
