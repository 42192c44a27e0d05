using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SnogMarryAvoid.Tests.Support;

/// <summary>
/// YARP on 127.0.0.1 with the documented configuration (deploy/yarp.json), its destinations pointed at
/// the test's servers: proof that the configuration in the deployment guide works.
/// </summary>
public sealed class YarpProxy : IAsyncDisposable
{
    private readonly WebApplication _app;

    private YarpProxy(WebApplication app, string baseUrl) => (_app, BaseUrl) = (app, baseUrl);

    public string BaseUrl { get; }

    public static async Task<YarpProxy> StartAsync(params string[] destinations)
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Repo.Root, "deploy", "yarp.json")))!;
        var targets = config["ReverseProxy"]!["Clusters"]!["web"]!["Destinations"]!.AsObject();
        targets.Select(t => t.Key).ToList().ForEach(key => targets.Remove(key));
        for (var i = 0; i < destinations.Length; i++)
        {
            targets[$"server{i}"] = new JsonObject { ["Address"] = destinations[i] };
        }

        var port = AppFactory.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        builder.Configuration.AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(config.ToJsonString())));
        builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
        var app = builder.Build();
        app.MapReverseProxy();
        await app.StartAsync();
        return new YarpProxy(app, $"http://127.0.0.1:{port}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
