using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Decks;
using SnogMarryAvoid.Core.Limits;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Observability;
using SnogMarryAvoid.Core.Participants;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Reports;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Core.Settings;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Core;

public static class CoreSetup
{
    /// <summary>
    /// Everything Core offers: its settings (validated when the host starts), persistence for the
    /// configured engine, the notifier and the services. The services are singletons: they hold no
    /// per-request state (each operation makes its own context), and the notifier must be shared by
    /// every circuit. <paramref name="contentRoot"/> is the app's folder, against which a relative
    /// <c>DataFolder</c> is resolved.
    /// </summary>
    public static IServiceCollection AddSnogCore(this IServiceCollection services, string contentRoot)
    {
        services.AddSettings<LimitsOptions>();
        services.AddSettings<RetentionOptions>();
        services.AddSettings<BootstrapOptions>();
        services.AddSnogPersistence(contentRoot);
        services.AddSnogLive();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<SessionChanges>();
        services.AddSingleton<SessionService>();
        services.AddSingleton<ScenarioService>();
        services.AddSingleton<DeckService>();
        services.AddHostedService<CountdownCloser>();
        services.AddSingleton<SessionRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionRetention>());
        services.AddSingleton<ParticipantService>();
        services.AddSingleton<Camps.CampService>();
        services.AddSingleton<PresenceTracker>();
        services.AddSingleton<VotingService>();
        services.AddSingleton<TallyBroadcaster>();
        services.AddSingleton<ParticipantSessions>();
        services.AddSingleton<VoteBatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<VoteBatcher>());
        services.AddSingleton<JoinBatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<JoinBatcher>());
        services.AddSingleton<VotePathWarmUp>();
        services.AddHostedService(sp => sp.GetRequiredService<VotePathWarmUp>());
        services.AddMetrics();
        services.AddSingleton<SnogMetrics>();
        services.AddSingleton<ModerationService>();
        services.AddSingleton<ReportService>();
        services.AddSingleton<AcrossSessions>();

        // Accounts: Identity's stores need a scoped context; it comes from the same factory.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<SnogDbContext>>().CreateDbContext());
        services.AddIdentityCore<IdentityUser>(o =>
            {
                // Length over composition rules, as NIST SP 800-63B advises.
                o.Password.RequiredLength = BootstrapOptions.MinPasswordLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.User.RequireUniqueEmail = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<SnogDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        // The key ring that protects sign-in and participant cookies lives in the database, so every
        // server sharing the database reads the same keys and a restart changes nothing.
        // DataProtection:CertificatePath encrypts the keys before they are stored (ProtectKeys, called by the host).
        services.AddSettings<KeyProtectionOptions>();
        services.AddDataProtection()
            .SetApplicationName("SnogMarryAvoid")
            .PersistKeysToDbContext<SnogDbContext>();
        services.AddScoped<AccountService>();
        services.AddHostedService<OrganiserBootstrap>();
        return services;
    }

    /// <summary>
    /// Encrypts the data-protection keys with the certificate <paramref name="options"/> names before they
    /// are stored, and decrypts stored keys with it or an earlier one. Without a certificate, nothing changes.
    /// </summary>
    public static IServiceCollection ProtectKeys(this IServiceCollection services, KeyProtectionOptions options)
    {
        if (options.Certificate() is { } certificate)
        {
            services.AddDataProtection()
                .ProtectKeysWithCertificate(certificate)
                .UnprotectKeysWithAnyCertificate([.. options.Decryptors()]);
        }

        return services;
    }
}
