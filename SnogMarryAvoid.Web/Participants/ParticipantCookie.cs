using Microsoft.AspNetCore.DataProtection;
using SnogMarryAvoid.Core.Participants;

namespace SnogMarryAvoid.Web.Participants;

/// <summary>
/// The anonymous participant key, kept in a signed and encrypted, HttpOnly, SameSite cookie. The key
/// is random and says nothing about the person; a tampered or foreign cookie is replaced by a new key.
/// </summary>
public sealed class ParticipantCookie(IDataProtectionProvider dataProtection, TimeProvider clock)
{
    public const string Name = "sma.participant";
    private const string ItemKey = "sma.participant-key";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    private readonly IDataProtector _protector = dataProtection.CreateProtector("SnogMarryAvoid.ParticipantKey.v1");

    /// <summary>The request's participant key, issuing a new cookie when there is none or it does not verify.</summary>
    public string Ensure(HttpContext context)
    {
        if (context.Items[ItemKey] is string known)
        {
            return known;
        }

        var key = Read(context.Request.Cookies[Name]);
        if (key is null)
        {
            key = ParticipantService.NewKey();
            context.Response.Cookies.Append(Name, Protect(key), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                IsEssential = true,
                Path = "/",
                Expires = clock.GetUtcNow().Add(Lifetime),
            });
        }

        context.Items[ItemKey] = key;
        return key;
    }

    /// <summary>A key sealed for a client to hold (the cookie's value, or a hub participant token).</summary>
    public string Protect(string key) => _protector.Protect(key);

    /// <summary>The key inside a sealed token; null when it is missing, forged or tampered with.</summary>
    public string? Unprotect(string? token) => Read(token);

    private string? Read(string? cookie)
    {
        if (string.IsNullOrEmpty(cookie))
        {
            return null;
        }

        try
        {
            var key = _protector.Unprotect(cookie);
            return ParticipantService.IsWellFormedKey(key) ? key : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}

/// <summary>Gives every request for a participant page a participant key before the page renders.</summary>
public sealed class ParticipantCookieMiddleware(RequestDelegate next, ParticipantCookie cookie)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) && context.Request.Path.StartsWithSegments("/join"))
        {
            cookie.Ensure(context);
        }

        return next(context);
    }
}
