using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
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

    public AppFactory(string? dataFolder = null, bool realPort = false)
    {
        _ownsFolder = dataFolder is null;
        DataFolder = dataFolder ?? Path.Combine(Path.GetTempPath(), "sma-tests", Guid.NewGuid().ToString("N"));
        if (realPort)
        {
            UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            StartServer();
        }
    }

    public string DataFolder { get; }

    /// <summary>The address of the real port, for a browser.</summary>
    public string BaseUrl => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public TestCore.Handles Core => new(Services);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("DataFolder", DataFolder);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Default", "");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    /// <summary>A SignalR client of the session hub, over long polling through the in-memory server.</summary>
    public HubConnection HubClient() => new HubConnectionBuilder()
        .WithUrl(new Uri(Server.BaseAddress, SessionHub.Path), HttpTransportType.LongPolling, o => o.HttpMessageHandlerFactory = _ => Server.CreateHandler())
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
