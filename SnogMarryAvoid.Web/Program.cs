using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.ResponseCompression;
using MudBlazor.Services;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Web.Accounts;
using SnogMarryAvoid.Web.Components;
using SnogMarryAvoid.Web.Components.Shared;
using SnogMarryAvoid.Web.Hubs;
using SnogMarryAvoid.Web.Participants;

var builder = WebApplication.CreateBuilder(args);

var dataFolder = builder.Configuration["DataFolder"] is { Length: > 0 } configured
    ? Path.GetFullPath(configured, builder.Environment.ContentRootPath)
    : Path.Combine(builder.Environment.ContentRootPath, "App_Data");

builder.Services.AddSnogCore(builder.Configuration, dataFolder);

// Participant cookies and circuit state are protected with these keys; keeping them in the data folder
// means a restart does not turn every phone in the room into a stranger.
builder.Services.AddDataProtection()
    .SetApplicationName("SnogMarryAvoid")
    .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataFolder, "keys")));

builder.Services.AddSingleton<ParticipantCookie>();
builder.Services.AddSingleton<JoinAttemptLimiter>();
builder.Services.AddSingleton<HubEventBridge>();
builder.Services.AddSingleton<JoinLinks>();
builder.Services.AddSignalR(o => o.MaximumReceiveMessageSize = 32 * 1024);
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

app.UseResponseCompression();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseMiddleware<ParticipantCookieMiddleware>();

app.MapHealthChecks("/healthz");
app.MapHub<SessionHub>(SessionHub.Path);
app.MapAccountEndpoints();
app.MapDeckEndpoints();
app.MapReportEndpoints();
app.MapStaticAssets();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Run();
