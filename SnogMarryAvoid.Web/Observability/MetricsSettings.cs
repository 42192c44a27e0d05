using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using SnogMarryAvoid.Core.Settings;

namespace SnogMarryAvoid.Web.Observability;

/// <summary>
/// Where <c>/metrics</c> is served. By default nowhere on the public port: with <c>Metrics:Port</c> it
/// is served only on that port (for a scraper on the internal network), with <c>Metrics:Token</c> on
/// the public port to a request that carries <c>Authorization: Bearer {token}</c>; unset, not at all.
/// </summary>
public sealed class MetricsSettings : ISettings
{
    public const int MinimumTokenLength = 24;

    public static string Section => "Metrics";

    /// <summary>A port of its own for <c>/metrics</c>, on every interface the app listens on (keep it off the public network).</summary>
    [Range(1, 65535)]
    public int? Port { get; set; }

    [SettingForm("a secret of at least 24 characters")]
    public string? Token { get; set; }

    public IEnumerable<string> Problems()
    {
        if (Token is { } token && token.Trim().Length < MinimumTokenLength)
        {
            yield return $"Metrics:Token is too short: expected a secret of at least {MinimumTokenLength} characters.";
        }
    }

    /// <summary>Whether a request to <c>/metrics</c> may read it: on the metrics port, or with the token.</summary>
    public bool Allows(HttpContext context)
    {
        if (Port is { } port && context.Connection.LocalPort == port)
        {
            return true;
        }

        if (Token is not { } token || !context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return false;
        }

        var given = Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(token.Trim()));
    }
}
