using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace SnogMarryAvoid.Web.Accounts;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a form POST with an antiforgery token, so no link or image can sign anyone out.</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/account/logout", async (HttpContext context, IAntiforgery antiforgery, SignInManager<IdentityUser> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest("Sign out from the app's own Sign out button.");
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login?signedOut=true");
        }).DisableAntiforgery();

    /// <summary>A local path to go back to after signing in; anything else (another site) becomes the sessions list.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/facilitate";
}
