using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Limits;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Settings;
using SnogMarryAvoid.Web.Accounts;
using SnogMarryAvoid.Web.Components;
using SnogMarryAvoid.Web.Files;
using SnogMarryAvoid.Web.Hosting;
using SnogMarryAvoid.Web.Http;
using SnogMarryAvoid.Web.Hubs;
using SnogMarryAvoid.Web.Languages;
using SnogMarryAvoid.Web.Observability;
using SnogMarryAvoid.Web.Participants;
using SnogMarryAvoid.Web.Room;
using SnogMarryAvoid.Web.Security;

namespace SnogMarryAvoid.Web;

/// <summary>The web host's composition: services, the request pipeline and the endpoints, each in one place.</summary>
public static class WebSetup
{
    /// <summary>Exit code when a setting is bad: the host never starts.</summary>
    public const int BadSettingsExitCode = 2;

    /// <summary>Exit code when the database cannot be reached or migrated at start-up.</summary>
    public const int DatabaseUnavailableExitCode = 3;

    /// <summary>The tag of the health checks that only readiness runs.</summary>
    private const string ReadyOnly = "ready";

    public static WebApplicationBuilder AddSnogWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSnogCore(builder.Environment.ContentRootPath);
        if (ReadIfValid<KeyProtectionOptions>(builder.Configuration) is { } keys)
        {
            services.ProtectKeys(keys);
        }

        services.AddSettings<PublicAddressOptions>();
        services.AddSettings<ForwardedHeadersSettings>();
        services.AddSingleton<INetworkAddresses, MachineAddresses>();
        services.AddSingleton<JoinLinks>();
        services.AddHostedService<RoomAddressBanner>();
        services.AddHostedService<MemoryGiveBack>();
        services.AddSingleton<ParticipantCookie>();
        services.AddSingleton<JoinAttemptLimiter>();
        services.AddSnogHub();
        services.AddSnogObservability();
        services.AddSnogAccounts();

        // A phone loads its page over a handful of HTTP connections and then needs only its hub connection.
        // Idle keep-alive connections are let go sooner than Kestrel's default 130 s, so a room of phones
        // does not hold five idle sockets each (docs/benchmarks.md).
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<LimitsOptions>>((kestrel, limits) => kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(limits.Value.KeepAliveSeconds));

        // /healthz: the database and Redis, as it always was. /healthz/ready adds the schema and the drain;
        // /healthz/live runs no check at all (the process answers).
        services.AddSingleton<ServerDrain>();
        services.AddSettings<ShutdownSettings>();
        services.AddSingleton<GracefulStop>();
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownSettings>>((host, shutdown) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(shutdown.Value.DrainSeconds + 5));
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<RedisHealthCheck>("redis")
            .AddCheck<SchemaHealthCheck>("schema", tags: [ReadyOnly])
            .AddCheck<DrainHealthCheck>("drain", tags: [ReadyOnly]);
        services.AddMudServices();
        services.AddSnogLanguages();
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });

        // The staff pages are circuits (the phone page holds none): Blazor's defaults for how many
        // disconnected ones are kept, and for how long; a page whose circuit is gone reloads and rebuilds.
        services.AddRazorComponents().AddInteractiveServerComponents();
        return builder;
    }

    public static WebApplication UseSnogPipeline(this WebApplication app)
    {
        // First of all, so that every limit, log and redirect sees the client's address, scheme and host:
        // forwarded headers from the proxies named in settings, and from nobody else.
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value is { Enabled: true } forwarded)
        {
            app.UseForwardedHeaders(forwarded.Options());
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseMetricsPortForMetricsOnly();
        app.UseMiddleware<SecurityHeaders>();
        app.UseResponseCompression();
        app.UseSnogLanguages();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseMiddleware<ParticipantCookieMiddleware>();
        app.UseMiddleware<RefuseHubWhileDraining>();
        app.UseSnogHubWebSockets();
        return app;
    }

    public static WebApplication MapSnogEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync, Predicate = c => !c.Tags.Contains(ReadyOnly) });
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync, Predicate = _ => false });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync });
        app.MapSnogHub();
        app.MapSnogMetrics();
        app.MapAccountEndpoints();
        app.MapLanguageSwitch();
        app.MapDeckEndpoints();
        app.MapReportEndpoints();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.DisableWebSocketCompression = true);
        return app;
    }

    /// <summary>
    /// Builds and runs the app until it stops. A bad setting stops it before anything is built, with one
    /// line per problem naming the key and the form expected, and exit code 2; a database that cannot be
    /// reached or migrated, with exit code 3.
    /// </summary>
    public static async Task<int> RunSnogAsync(this WebApplicationBuilder builder)
    {
        if (Settings.Problems(builder.Services, builder.Configuration) is { Count: > 0 } problems)
        {
            return await RefuseAsync(problems);
        }

        builder.ListenForMetrics();
        // In place of the console lifetime (a host that brings another keeps it): signals drain the server
        // before it stops.
        if (builder.Services.LastOrDefault(d => d.ServiceType == typeof(IHostLifetime))?.ImplementationType?.Name == "ConsoleLifetime")
        {
            builder.Services.AddSingleton<IHostLifetime, DrainingLifetime>();
        }

        var app = builder.Build();
        app.UseSnogPipeline();
        app.MapSnogEndpoints();
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (BadSettings(ex) is { Count: > 0 } late)
        {
            // Checked before the build too; this catches a setting that changed since (a reloaded file).
            return await RefuseAsync(late);
        }
        catch (DatabaseUnavailableException ex)
        {
            // Already logged by the migrator; say it once more on stderr, plainly, and exit non-zero.
            await Console.Error.WriteLineAsync($"SnogMarryAvoid did not start: {ex.Message}");
            return DatabaseUnavailableExitCode;
        }
    }

    /// <summary>A settings section needed while services are registered; when it is bad, null (the start is then refused, naming the key).</summary>
    private static T? ReadIfValid<T>(IConfiguration configuration) where T : class, ISettings, new()
    {
        try
        {
            return Settings.Read<T>(configuration);
        }
        catch (OptionsValidationException)
        {
            return null;
        }
    }

    private static async Task<int> RefuseAsync(IReadOnlyList<string> problems)
    {
        foreach (var problem in problems)
        {
            await Console.Error.WriteLineAsync($"SnogMarryAvoid did not start: {problem}");
        }

        return BadSettingsExitCode;
    }

    /// <summary>Every settings problem inside <paramref name="ex"/> (one, or several aggregated), or none.</summary>
    public static IReadOnlyList<string> BadSettings(Exception ex) => ex switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException many => [.. many.InnerExceptions.SelectMany(BadSettings)],
        _ => [],
    };
}
