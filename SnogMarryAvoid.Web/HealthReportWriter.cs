using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SnogMarryAvoid.Web;

/// <summary>
/// <c>/healthz</c> as plain text: the overall status on the first line ("Healthy", "Degraded" or
/// "Unhealthy"), then one line per check that is not healthy, with its reason. Degraded answers 200
/// (keep sending traffic), unhealthy 503.
/// </summary>
public static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = new List<string> { report.Status.ToString() };
        lines.AddRange(report.Entries
            .Where(e => e.Value.Status != HealthStatus.Healthy)
            .Select(e => $"{e.Key}: {e.Value.Status}: {e.Value.Description}"));
        return context.Response.WriteAsync(string.Join('\n', lines));
    }
}
