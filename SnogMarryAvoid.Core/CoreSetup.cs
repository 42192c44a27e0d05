using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Decks;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Participants;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Reports;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Core.Voting;
using StackExchange.Redis;

namespace SnogMarryAvoid.Core;

public static class CoreSetup
{
    /// <summary>
    /// Everything Core offers: persistence for the configured engine, the in-process event engine and
    /// the services. All are singletons: they hold no per-request state (each operation makes its own
    /// context), and the notifier must be shared by every circuit.
    /// </summary>
    public static IServiceCollection AddSnogCore(this IServiceCollection services, IConfiguration configuration, string dataFolder)
    {
        services.AddSnogPersistence(configuration, dataFolder);
        services.TryAddSingleton(TimeProvider.System);
        if (configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
        {
            // Scale-out: live events travel over Redis pub/sub between servers.
            services.TryAddSingleton<IConnectionMultiplexer>(_ => ConnectRedis(redis));
            services.AddSingleton<RedisSessionEvents>();
            services.TryAddSingleton<ISessionEvents>(sp => sp.GetRequiredService<RedisSessionEvents>());
            services.AddHostedService<LiveResync>();
        }
        else
        {
            services.TryAddSingleton<ISessionEvents, InProcessSessionEvents>();
        }

        services.AddSingleton<SessionChanges>();
        services.AddSingleton<SessionService>();
        services.AddSingleton<ScenarioService>();
        services.AddSingleton<DeckService>();
        services.AddHostedService<CountdownCloser>();
        services.AddSingleton<SessionRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionRetention>());
        services.AddSingleton<ParticipantService>();
        services.AddSingleton<VotingService>();
        services.AddSingleton<TallyBroadcaster>();
        services.AddSingleton<VoteBatcher>();
        services.AddHostedService<VotePathWarmUp>();
        services.AddMetrics();
        services.AddSingleton<SnogMetrics>();
        services.AddSingleton<ModerationService>();
        services.AddSingleton<ReportService>();
        services.AddSingleton<AcrossSessions>();
        services.AddSingleton<PresenceTracker>();

        // Accounts: Identity's stores need a scoped context; it comes from the same factory.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<SnogDbContext>>().CreateDbContext());
        services.AddIdentityCore<IdentityUser>(o =>
            {
                // Length over composition rules, as NIST SP 800-63B advises.
                o.Password.RequiredLength = 10;
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
        services.AddDataProtection()
            .SetApplicationName("SnogMarryAvoid")
            .PersistKeysToDbContext<SnogDbContext>();
        services.AddScoped<AccountService>();
        services.AddHostedService<OrganiserBootstrap>();
        return services;
    }

    /// <summary>
    /// A Redis connection that never blocks start-up and fails fast while Redis is away, so nothing
    /// waits on it; it reconnects by itself. <paramref name="configuration"/> is a StackExchange.Redis
    /// configuration string, e.g. "127.0.0.1:6379".
    /// </summary>
    public static ConnectionMultiplexer ConnectRedis(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 3000);
        options.ReconnectRetryPolicy ??= new LinearRetry(1000);
        options.ClientName ??= "SnogMarryAvoid";
        return ConnectionMultiplexer.Connect(options);
    }
}
