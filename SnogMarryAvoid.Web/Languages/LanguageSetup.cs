using Microsoft.AspNetCore.Localization;

namespace SnogMarryAvoid.Web.Languages;

/// <summary>
/// Which language a request is answered in: the one chosen with the switch (the <see cref="CookieName"/>
/// cookie), else the first of the browser's languages (Accept-Language) the app has, else English.
/// </summary>
public static class LanguageSetup
{
    public const string CookieName = "sma.lang";
    public const string SwitchPath = "/language";

    public static IServiceCollection AddSnogLanguages(this IServiceCollection services) => services.AddSingleton<Languages>();

    public static WebApplication UseSnogLanguages(this WebApplication app)
    {
        var languages = app.Services.GetRequiredService<Languages>();
        // Each language's own culture (cy-GB) and its neutral one (cy), which is what many browsers send.
        var cultures = languages.All.SelectMany(l => new[] { l.Culture, l.Culture.IsNeutralCulture ? l.Culture : l.Culture.Parent }).Distinct().ToList();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(languages.Default.Culture),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            // "cy-AR" from a browser is Welsh too: the parent culture is tried.
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
        options.RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = CookieName }, new AcceptLanguageHeaderRequestCultureProvider()];

        // Every page, the hub and Blazor's circuit (/_blazor, which fixes a staff page's language for its
        // life) take the reader's language. The projector's room texts come in the room's languages instead.
        app.UseRequestLocalization(options);
        return app;
    }

    /// <summary>
    /// <c>GET /language/{code}?back=/join/KX7PM</c>: remembers the language in a cookie for a year and goes
    /// back to the page it came from (an address on this site only; anything else goes to the start).
    /// </summary>
    public static WebApplication MapLanguageSwitch(this WebApplication app)
    {
        app.MapGet(SwitchPath + "/{code}", (string code, string? back, HttpContext http, Languages languages) =>
        {
            if (languages.All.FirstOrDefault(l => l.Code == code) is not { } language)
            {
                return Results.Text($"There is no language \"{code}\": choose one of {string.Join(", ", languages.All.Select(l => l.Code))}.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
            }

            http.Response.Cookies.Append(CookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language.Culture)), new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = http.Request.IsHttps,
            });
            return Results.Redirect(IsLocal(back) ? back! : "/");
        });
        return app;
    }

    /// <summary>Whether an address is a path on this site ("/join/KX7PM"), not another site ("//evil.example", "/\\evil").</summary>
    public static bool IsLocal(string? back) =>
        back is { Length: > 0 } && back[0] == '/' && (back.Length == 1 || (back[1] != '/' && back[1] != '\\')) && !back.Any(char.IsControl);
}
