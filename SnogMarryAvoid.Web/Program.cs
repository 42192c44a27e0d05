using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.ResponseCompression;
using MudBlazor.Services;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Web;
using SnogMarryAvoid.Web.Accounts;
using SnogMarryAvoid.Web.Components;
using SnogMarryAvoid.Web.Components.Shared;
using SnogMarryAvoid.Web.Hubs;
using SnogMarryAvoid.Web.Observability;
using SnogMarryAvoid.Web.Security;
using Microsoft.AspNetCore.Components.Server.Circuits;
using OpenTelemetry.Metrics;
using SnogMarryAvoid.Web.Participants;
using StackExchange.Redis;

var builder = WebApplication.CreateBuilder(args);

var dataFolder = builder.Configuration["DataFolder"] is { Length: > 0 } configured
    ? Path.GetFullPath(configured, builder.Environment.ContentRootPath)
    : Path.Combine(builder.Environment.ContentRootPath, "App_Data");

builder.Services.AddSnogCore(builder.Configuration, dataFolder);

builder.Services.AddSingleton<ParticipantCookie>();
builder.Services.AddSingleton<JoinAttemptLimiter>();
builder.Services.AddHostedService<HubEventBridge>();
builder.Services.AddSingleton<JoinLinks>();
builder.Services.AddSingleton<HubCallLimiter>();
builder.Services.AddSingleton<HubConnectionLimiter>();
builder.Services.AddSingleton<LiveGauges>();
builder.Services.AddSingleton<CircuitTally>();
builder.Services.AddScoped<CircuitHandler, CircuitCounter>();
builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
    .AddMeter(SnogMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.Components.Server.Circuits")
    .AddPrometheusExporter());
builder.WebHost.ConfigureKestrel(o =>
{
    // A phone loads its page over a handful of HTTP connections and then needs only its hub connection.
    // Idle keep-alive connections are let go sooner than Kestrel's default 130 s, so a room of phones
    // does not hold five idle sockets each (docs/benchmarks.md).
    o.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("Limits:KeepAliveSeconds", 15));
});
builder.Services.AddSignalR()
    .AddHubOptions<SessionHub>(o =>
    {
        // The API's messages are small: a code, an id, a choice, a reason of at most 280 characters.
        o.MaximumReceiveMessageSize = builder.Configuration.GetValue("Limits:HubMessageBytes", 8 * 1024);
        o.AddFilter<HubConnectionLimiter>();
        o.AddFilter<HubCallLimiter>();
    });
if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 })
{
    // Scale-out: live events reach every server over Redis (RedisSessionEvents), and each server sends
    // them to its own hub connections (HubEventBridge). No SignalR backplane: a phone's connection never
    // depends on Redis, so during a Redis outage every server still serves its own room.
    builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");
}

builder.Services.AddMudServices();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
builder.Services.AddResponseCompression(o =>
{
    o.EnableForHttps = true;
    o.Providers.Add<BrotliCompressionProvider>();
    o.Providers.Add<GzipCompressionProvider>();
});

builder.Services.AddCascadingAuthenticationState();
builder.Services.AddScoped<AuthenticationStateProvider, RevalidatingAuthStateProvider>();
builder.Services.AddAuthentication(o =>
    {
        o.DefaultScheme = IdentityConstants.ApplicationScheme;
        o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
    })
    .AddIdentityCookies();
builder.Services.ConfigureApplicationCookie(o =>
{
    o.Cookie.Name = "sma.auth";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    o.LoginPath = "/account/login";
    o.AccessDeniedPath = "/account/denied";
    o.ExpireTimeSpan = TimeSpan.FromHours(12);
    o.SlidingExpiration = true;
});
builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
builder.Services.AddAuthorization();

builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents(o =>
    {
        // Phones sleep and switch apps all session long: keep many disconnected circuits, long enough
        // to come back to. A phone whose circuit is gone anyway rebuilds from its cookie and the database.
        o.DisconnectedCircuitMaxRetained = builder.Configuration.GetValue("Limits:RetainedCircuits", 10_000);
        o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(builder.Configuration.GetValue("Limits:RetainedCircuitMinutes", 10));
    });

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}

app.UseMiddleware<SecurityHeaders>();
app.UseResponseCompression();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseMiddleware<ParticipantCookieMiddleware>();
app.UseUncompressedWebSockets(SessionHub.Path);

app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync });
app.MapHub<SessionHub>(SessionHub.Path);
app.Services.GetRequiredService<LiveGauges>();
app.MapPrometheusScrapingEndpoint("/metrics");
app.MapAccountEndpoints();
app.MapDeckEndpoints();
app.MapReportEndpoints();
app.MapStaticAssets();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

try
{
    await app.RunAsync();
    return 0;
}
catch (DatabaseUnavailableException ex)
{
    // Already logged by the migrator; say it once more on stderr, plainly, and exit non-zero.
    await Console.Error.WriteLineAsync($"SnogMarryAvoid did not start: {ex.Message}");
    return 3;
}
