using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Web.Hubs;

namespace SnogMarryAvoid.Tests.Support;

/// <summary>
/// The whole app on its embedded default (SQLite in a data folder of its own). Give two factories
/// the same folder to restart "the same server". With <c>realPort</c> it listens on 127.0.0.1 for a
/// browser; otherwise it runs in memory.
/// </summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsFolder;
    private readonly bool _bootstrap;

    private readonly Dictionary<string, string> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly string _environment;

    /// <param name="services">Replaces or adds services after the app's own (a log capture, a failing filter).</param>
    /// <param name="environment">The hosting environment: Development (detailed errors for the tests), or Production as deployed.</param>
    public AppFactory(string? dataFolder = null, bool realPort = false, bool bootstrapOrganiser = true, int port = 0, Dictionary<string, string>? settings = null, Action<IServiceCollection>? services = null,
        string environment = "Development")
    {
        _environment = environment;
        _bootstrap = bootstrapOrganiser;
        _settings = settings ?? [];
        _services = services;
        _ownsFolder = dataFolder is null;
        DataFolder = dataFolder ?? Path.Combine(Path.GetTempPath(), "sma-tests", Guid.NewGuid().ToString("N"));
        if (realPort)
        {
            UseKestrel(o => o.Listen(IPAddress.Loopback, port));
            StartServer();
        }
    }

    public const string OrganiserEmail = "organiser@example.org";
    public const string OrganiserPassword = "organiser-password-1";
    public const string FacilitatorPassword = "facilitator-password-1";

    public string DataFolder { get; }

    /// <summary>A free port on 127.0.0.1, to restart a server on the same address.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The address of the real port, for a browser.</summary>
    public string BaseUrl => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public TestCore.Handles Core => new(Services);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("DataFolder", DataFolder);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Default", "");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_bootstrap)
        {
            builder.UseSetting("Bootstrap:OrganiserEmail", OrganiserEmail);
            builder.UseSetting("Bootstrap:OrganiserPassword", OrganiserPassword);
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    /// <summary>A facilitator account, created as an organiser would.</summary>
    public async Task<Actor> CreateFacilitatorAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateFacilitatorAsync(Actor.System, email, FacilitatorPassword);
        return new Actor(created.Id, IsOrganiser: false);
    }

    /// <summary>The bootstrapped organiser as an <see cref="Actor"/>.</summary>
    public async Task<Actor> OrganiserAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var organiser = await users.FindByEmailAsync(OrganiserEmail) ?? throw new InvalidOperationException("No bootstrapped organiser.");
        return new Actor(organiser.Id, IsOrganiser: true);
    }

    /// <summary>An HTTP client that keeps cookies and does not follow redirects.</summary>
    public HttpClient Browserish() => CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Fills and posts a static form of the app (with its antiforgery token), as a browser would.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string handler, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path);
        var form = new Dictionary<string, string>(fields)
        {
            ["_handler"] = handler,
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
        };
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    /// <summary>An HTTP client signed in through the real sign-in form.</summary>
    public async Task<HttpClient> SignedInClientAsync(string email, string password)
    {
        var client = Browserish();
        var response = await PostFormAsync(client, "/account/login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {email} failed: {(int)response.StatusCode}");
        }

        return client;
    }

    public static string AntiforgeryToken(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value is { Length: > 0 } token
            ? token
            : throw new InvalidOperationException("The form has no antiforgery token.");

    /// <summary>A SignalR client of the session hub, over long polling through the in-memory server.</summary>
    public HubConnection HubClient(CookieContainer? cookies = null) => new HubConnectionBuilder()
        .WithUrl(new Uri(Server.BaseAddress, SessionHub.Path), HttpTransportType.LongPolling, o => o.HttpMessageHandlerFactory = _ =>
            cookies is null ? Server.CreateHandler() : new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies) { InnerHandler = Server.CreateHandler() })
        .Build();

    /// <summary>Signs in through the real form of the in-memory server; the cookies then serve <see cref="HubClient"/>.</summary>
    public async Task<CookieContainer> SignInCookiesAsync(string email, string password)
    {
        var cookies = new CookieContainer();
        using var client = CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies));
        var response = await PostFormAsync(client, "/account/login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        return response.StatusCode == HttpStatusCode.Redirect
            ? cookies
            : throw new InvalidOperationException($"Signing in as {email} failed: {(int)response.StatusCode}");
    }

    /// <summary>Signs in through the real form over the real port (<c>realPort</c> servers).</summary>
    public static async Task<CookieContainer> SignInOverHttpAsync(string baseUrl, string email, string password)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
        var response = await PostFormAsync(client, "/account/login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        return response.StatusCode == HttpStatusCode.Redirect
            ? cookies
            : throw new InvalidOperationException($"Signing in as {email} at {baseUrl} failed: {(int)response.StatusCode}");
    }

    /// <summary>A SignalR client of a real-port server's hub, over WebSockets, with these cookies.</summary>
    public static HubConnection HubClientOverHttp(string baseUrl, CookieContainer? cookies = null) => new HubConnectionBuilder()
        .WithUrl(new Uri(new Uri(baseUrl), SessionHub.Path), HttpTransportType.WebSockets, o => o.Cookies = cookies ?? new CookieContainer())
        .Build();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownsFolder && Directory.Exists(DataFolder))
        {
            Directory.Delete(DataFolder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
