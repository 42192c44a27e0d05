using Microsoft.AspNetCore.Components.Server.Circuits;
using OpenTelemetry.Metrics;
using SnogMarryAvoid.Core.Observability;
using SnogMarryAvoid.Core.Settings;

namespace SnogMarryAvoid.Web.Observability;

public static class ObservabilitySetup
{
    /// <summary>
    /// <c>/metrics</c> in Prometheus format (OpenTelemetry): the app's own meter, with the gauges only the
    /// web host can see, and ASP.NET Core's meters (HTTP, Kestrel, SignalR connections, circuits).
    /// </summary>
    public static IServiceCollection AddSnogObservability(this IServiceCollection services)
    {
        services.AddSettings<MetricsSettings>();
        services.AddSingleton<LiveGauges>();
        services.AddSingleton<CircuitTally>();
        services.AddScoped<CircuitHandler, CircuitCounter>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(SnogMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
                "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.Components.Server.Circuits")
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>With <c>Metrics:Port</c> set, the server listens on that port too, beside its own addresses.</summary>
    public static void ListenForMetrics(this WebApplicationBuilder builder)
    {
        if (Settings.Read<MetricsSettings>(builder.Configuration).Port is not { } port)
        {
            return;
        }

        var urls = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey) is { Length: > 0 } set ? set : "http://localhost:5000";
        builder.WebHost.UseUrls([.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), $"http://0.0.0.0:{port}"]);
    }

    /// <summary>The metrics port, when set, serves <c>/metrics</c> and nothing else: no page, hub or file of the app.</summary>
    public static IApplicationBuilder UseMetricsPortForMetricsOnly(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<MetricsSettings>>().Value.Port is not { } port)
        {
            return app;
        }

        return app.Use((context, next) =>
        {
            if (context.Connection.LocalPort == port && !context.Request.Path.StartsWithSegments("/metrics"))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
    }

    public static IEndpointRouteBuilder MapSnogMetrics(this IEndpointRouteBuilder app)
    {
        app.ServiceProvider.GetRequiredService<LiveGauges>();
        var settings = app.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<MetricsSettings>>().Value;
        // Not found, not forbidden, to anyone else: the public port does not show that it exists.
        app.MapPrometheusScrapingEndpoint("/metrics", meterProvider: null, optionsName: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            if (settings.Allows(context))
            {
                await next(context);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        }));
        return app;
    }
}
