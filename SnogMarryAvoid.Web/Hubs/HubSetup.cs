using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using SnogMarryAvoid.Core.Limits;

namespace SnogMarryAvoid.Web.Hubs;

public static class HubSetup
{
    /// <summary>How often the hub pings every connection, so that a client notices a dead one within a few seconds.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The real-time API: SignalR with the session hub's limits (from <see cref="LimitsOptions"/>), its
    /// filters (refusals outermost, then the connection and call limits), the bridge from Core's events
    /// and the check of staff sign-ins.
    /// </summary>
    public static IServiceCollection AddSnogHub(this IServiceCollection services)
    {
        services.AddSingleton<HubRefusals>();
        services.AddSingleton<Hosting.HubInFlight>();
        services.AddSingleton<HubCallLimiter>();
        services.AddSingleton<HubConnectionLimiter>();
        services.AddSingleton<StaffConnections>();
        services.AddHostedService(sp => sp.GetRequiredService<StaffConnections>());
        services.AddHostedService<HubEventBridge>();
        services.AddSignalR().AddHubOptions<SessionHub>(o =>
        {
            // A ping every second: a phone (js/phone.js, three seconds' server timeout) knows at once when
            // its connection is dead, and keeps the tap it makes meanwhile for when it is back.
            o.KeepAliveInterval = KeepAlive;
            o.AddFilter<Hosting.HubInFlight>();
            o.AddFilter<HubRefusals>();
            o.AddFilter<HubConnectionLimiter>();
            o.AddFilter<HubCallLimiter>();
        });

        // The API's messages are small: a code, an id, a choice, a reason of at most 280 characters.
        services.AddOptions<HubOptions<SessionHub>>()
            .Configure<IOptions<LimitsOptions>>((o, limits) => o.MaximumReceiveMessageSize = limits.Value.HubMessageBytes);

        // HubRefusals logs every failed call once, at the right level: a refusal at Debug without a stack,
        // anything else as an Error with it. SignalR's own lines would log each refusal again as an Error
        // with a stack trace (about 1.4 KB that any anonymous client could make the server write).
        services.AddLogging(logging => logging
            .AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.None)
            .AddFilter("Microsoft.AspNetCore.SignalR.HubConnectionHandler", LogLevel.Critical));
        return services;
    }

    /// <summary>The hub at <see cref="SessionHub.Path"/>, its WebSockets without per-message compression.</summary>
    public static IApplicationBuilder UseSnogHubWebSockets(this IApplicationBuilder app) => app.UseUncompressedWebSockets(SessionHub.Path);

    public static IEndpointRouteBuilder MapSnogHub(this IEndpointRouteBuilder app)
    {
        app.MapHub<SessionHub>(SessionHub.Path);
        return app;
    }
}
