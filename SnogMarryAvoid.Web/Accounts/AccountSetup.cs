using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace SnogMarryAvoid.Web.Accounts;

public static class AccountSetup
{
    /// <summary>
    /// Sign-in for facilitators and organisers: Identity's cookie (<c>sma.auth</c>, 12 hours, sliding),
    /// checked against the account every minute (a disabled account, a changed password), in requests and
    /// in open circuits alike.
    /// </summary>
    public static IServiceCollection AddSnogAccounts(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        // Identity's refusals in the reader's language (its own English otherwise).
        services.AddScoped<IdentityErrorDescriber, LanguageIdentityErrors>();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthStateProvider>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "sma.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthorization();
        return services;
    }
}
