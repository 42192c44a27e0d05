using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using SnogMarryAvoid.Core.Limits;

namespace SnogMarryAvoid.Web.Hubs;

public static class HubSetup
{
    /// <summary>How long a client may hear nothing before it takes its connection for dead: two and a half pings.</summary>
    public static int ServerTimeoutMs(LimitsOptions limits) => limits.HubPingSeconds * 2500;

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
            o.AddFilter<Hosting.HubInFlight>();
            o.AddFilter<HubRefusals>();
            o.AddFilter<HubConnectionLimiter>();
            o.AddFilter<HubCallLimiter>();
        });

        // The API's messages are small: a code, an id, a choice, a reason of at most 280 characters. A ping every
        // Limits:HubPingSeconds (5 s): a phone (js/phone.js) takes its connection for dead after two and a half pings
        // of silence, or at once when a vote is not answered, and keeps the tap it made for when it is back.
        services.AddOptions<HubOptions<SessionHub>>()
            .Configure<IOptions<LimitsOptions>>((o, limits) =>
            {
                o.MaximumReceiveMessageSize = limits.Value.HubMessageBytes;
                o.KeepAliveInterval = TimeSpan.FromSeconds(limits.Value.HubPingSeconds);
                o.ClientTimeoutInterval = TimeSpan.FromSeconds(Math.Max(30, limits.Value.HubPingSeconds * 3));
            });

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
