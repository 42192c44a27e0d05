using System.Buffers.Text;
using System.Security.Cryptography;

namespace SnogMarryAvoid.Web.Security;

/// <summary>
/// Headers on every response. The Content-Security-Policy allows scripts from this site only, plus the
/// one inline script Blazor needs (the import map), which carries this response's nonce; no inline
/// event handlers, no eval. Styles allow inline attributes, which MudBlazor and the results bars use
/// for sizes (style attributes cannot run code). Framing is refused everywhere.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    private const string NonceItem = "csp-nonce";

    /// <summary>The nonce of this response, for the inline scripts the app itself writes.</summary>
    public static string Nonce(HttpContext context) =>
        context.Items[NonceItem] as string ?? throw new InvalidOperationException("SecurityHeaders did not run for this request.");

    public static string Policy(string nonce) => string.Join("; ",
        "default-src 'self'",
        $"script-src 'self' 'nonce-{nonce}'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'");

    public Task InvokeAsync(HttpContext context)
    {
        // Base64url: no "+" or "/", so the nonce reads the same in the header and, unescaped, in the page.
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceItem] = nonce;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = Policy(nonce);
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
