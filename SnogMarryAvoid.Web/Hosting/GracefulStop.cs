using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using SnogMarryAvoid.Core.Contract;
using SnogMarryAvoid.Core.Settings;
using SnogMarryAvoid.Web.Hubs;

namespace SnogMarryAvoid.Web.Hosting;

/// <summary>The <c>Shutdown</c> section: how long a stopping server gives its clients to move.</summary>
public sealed class ShutdownSettings : ISettings
{
    public static string Section => "Shutdown";

    /// <summary>At most this long from SIGTERM to exit: clients are told to move, votes in flight finish.</summary>
    [Range(0, 300)]
    public int DrainSeconds { get; set; } = 10;

    public IEnumerable<string> Problems() => [];

    /// <summary>Over how long the clients are spread when they reconnect: half the drain, at most five seconds.</summary>
    public TimeSpan ReconnectSpread => TimeSpan.FromMilliseconds(Math.Min(DrainSeconds * 500, 5000));
}

/// <summary>Counts this server's hub connections and the hub calls in flight, so that a stop can wait for them.</summary>
public sealed class HubInFlight : IHubFilter
{
    private int _connections;
    private int _calls;

    public int Connections => Volatile.Read(ref _connections);

    public int Calls => Volatile.Read(ref _calls);

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        Interlocked.Increment(ref _calls);
        try
        {
            return await next(invocationContext);
        }
        finally
        {
            Interlocked.Decrement(ref _calls);
        }
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        Interlocked.Increment(ref _connections);
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        Interlocked.Decrement(ref _connections);
        await next(context, exception);
    }
}

/// <summary>
/// The graceful stop. On SIGTERM (or Ctrl+C) the server at once answers <c>/healthz/ready</c> with 503 and
/// refuses new hub connections (503, so a balancer's next try lands on another server); it tells every
/// hub client to reconnect, each at a random moment within <see cref="ShutdownSettings.ReconnectSpread"/>,
/// so that they do not all arrive elsewhere at once; it waits for the calls in flight (a vote is
/// acknowledged only once it is stored) and for the clients to leave, at most
/// <see cref="ShutdownSettings.DrainSeconds"/>; only then is the host stopped (<see cref="DrainingLifetime"/>):
/// stopping it first would close every hub connection at once, as SignalR does when the host stops.
/// </summary>
public sealed class GracefulStop(
    ServerDrain drain,
    HubInFlight inFlight,
    IHubContext<SessionHub, ISessionClient> hub,
    IOptions<ShutdownSettings> settings,
    ILogger<GracefulStop> logger,
    TimeProvider clock)
{
    public async Task DrainAsync()
    {
        var limit = TimeSpan.FromSeconds(settings.Value.DrainSeconds);
        var started = clock.GetTimestamp();
        drain.Start();
        logger.LogInformation("Stopping: telling {Connections} hub connection(s) to reconnect elsewhere within {Spread} ms, waiting at most {Limit} s", inFlight.Connections, settings.Value.ReconnectSpread.TotalMilliseconds, limit.TotalSeconds);
        try
        {
            await hub.Clients.All.ServerStopping((int)settings.Value.ReconnectSpread.TotalMilliseconds);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not tell every hub client that the server is stopping");
        }

        while ((inFlight.Connections > 0 || inFlight.Calls > 0) && clock.GetElapsedTime(started) < limit)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), clock);
        }

        logger.LogInformation("Drained after {Elapsed} ms: {Connections} hub connection(s) and {Calls} call(s) left", (int)clock.GetElapsedTime(started).TotalMilliseconds, inFlight.Connections, inFlight.Calls);
    }
}

/// <summary>
/// The host's lifetime outside tests, in place of the console lifetime: the same start-up lines, but
/// SIGTERM, SIGINT and SIGQUIT first drain the server (<see cref="GracefulStop"/>) and then stop the host.
/// A second signal stops it at once.
/// </summary>
public sealed class DrainingLifetime(IHostApplicationLifetime application, IHostEnvironment environment, GracefulStop stop, ServerDrain drain, ILoggerFactory logs) : IHostLifetime, IDisposable
{
    private readonly ILogger _lifetime = logs.CreateLogger("Microsoft.Hosting.Lifetime");
    private readonly List<System.Runtime.InteropServices.PosixSignalRegistration> _signals = [];
    private int _received;

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        application.ApplicationStarted.Register(() =>
        {
            _lifetime.LogInformation("Application started. Press Ctrl+C to shut down.");
            _lifetime.LogInformation("Hosting environment: {EnvironmentName}", environment.EnvironmentName);
            _lifetime.LogInformation("Content root path: {ContentRoot}", environment.ContentRootPath);
        });
        application.ApplicationStopping.Register(() => _lifetime.LogInformation("Application is shutting down..."));
        foreach (var signal in new[] { System.Runtime.InteropServices.PosixSignal.SIGTERM, System.Runtime.InteropServices.PosixSignal.SIGINT, System.Runtime.InteropServices.PosixSignal.SIGQUIT })
        {
            _signals.Add(System.Runtime.InteropServices.PosixSignalRegistration.Create(signal, OnSignal));
        }

        return Task.CompletedTask;
    }

    private void OnSignal(System.Runtime.InteropServices.PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref _received) > 1)
        {
            application.StopApplication();
            return;
        }

        drain.Start();
        _ = Task.Run(async () =>
        {
            try
            {
                await stop.DrainAsync();
            }
            finally
            {
                application.StopApplication();
            }
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _signals.ForEach(s => s.Dispose());
}

/// <summary>While the server drains, a new hub connection is refused with 503 and Retry-After.</summary>
public sealed class RefuseHubWhileDraining(RequestDelegate next, ServerDrain drain)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (drain.IsDraining && context.Request.Path.StartsWithSegments(SessionHub.Path))
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync("This server is stopping: connect again (to another server, or to this one once it is back).");
        }

        return next(context);
    }
}
