using Microsoft.AspNetCore.Components.Server.Circuits;
using OpenTelemetry.Metrics;
using SnogMarryAvoid.Core.Observability;

namespace SnogMarryAvoid.Web.Observability;

public static class ObservabilitySetup
{
    /// <summary>
    /// <c>/metrics</c> in Prometheus format (OpenTelemetry): the app's own meter, with the gauges only the
    /// web host can see, and ASP.NET Core's meters (HTTP, Kestrel, SignalR connections, circuits).
    /// </summary>
    public static IServiceCollection AddSnogObservability(this IServiceCollection services)
    {
        services.AddSingleton<LiveGauges>();
        services.AddSingleton<CircuitTally>();
        services.AddScoped<CircuitHandler, CircuitCounter>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(SnogMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
                "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.Components.Server.Circuits")
            .AddPrometheusExporter());
        return services;
    }

    public static IEndpointRouteBuilder MapSnogMetrics(this IEndpointRouteBuilder app)
    {
        app.ServiceProvider.GetRequiredService<LiveGauges>();
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
