using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using SnogMarryAvoid.Core.Settings;
using IPNetwork = System.Net.IPNetwork;

namespace SnogMarryAvoid.Web.Http;

/// <summary>
/// The proxies whose X-Forwarded-For, -Proto and -Host are believed. None is trusted unless named here,
/// loopback included: a proxy on the same host is named too (<c>127.0.0.1</c>). A request from any
/// other address keeps its own address, whatever headers it sends, so no client can hide behind a
/// made-up X-Forwarded-For from the limits that count addresses.
/// </summary>
public sealed class ForwardedHeadersSettings : ISettings
{
    public const string ProxiesForm = "IP addresses separated by commas, like 127.0.0.1,10.0.0.5";
    public const string NetworksForm = "networks in CIDR form separated by commas, like 10.0.0.0/24";

    /// <summary>The ASP.NET Core switch that trusts forwarded headers from every client.</summary>
    public const string TrustEveryoneSwitch = "ASPNETCORE_FORWARDEDHEADERS_ENABLED";

    public static string Section => "ForwardedHeaders";

    [SettingForm(ProxiesForm)]
    public string? KnownProxies { get; set; }

    [SettingForm(NetworksForm)]
    public string? KnownNetworks { get; set; }

    public IReadOnlyList<IPAddress> Proxies => List(KnownProxies).Select(p => IPAddress.TryParse(p, out var a) ? a : null).OfType<IPAddress>().ToList();

    public IReadOnlyList<IPNetwork> Networks => List(KnownNetworks).Select(n => IPNetwork.TryParse(n, out var a) ? (IPNetwork?)a : null).OfType<IPNetwork>().ToList();

    /// <summary>Whether any proxy is named: only then are forwarded headers read at all.</summary>
    public bool Enabled => Proxies.Count > 0 || Networks.Count > 0;

    public IEnumerable<string> Problems()
    {
        if (List(KnownProxies).FirstOrDefault(p => !IPAddress.TryParse(p, out _)) is { } proxy)
        {
            yield return $"ForwardedHeaders:KnownProxies has '{proxy}': expected {ProxiesForm}.";
        }

        if (List(KnownNetworks).FirstOrDefault(n => !IPNetwork.TryParse(n, out _)) is { } network)
        {
            yield return $"ForwardedHeaders:KnownNetworks has '{network}': expected {NetworksForm}.";
        }

        if (string.Equals(Environment.GetEnvironmentVariable(TrustEveryoneSwitch), "true", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{TrustEveryoneSwitch} is true: it believes X-Forwarded-For from every client, so anyone could spoof their address past the limits. Unset it and name your proxies in ForwardedHeaders:KnownProxies (or KnownNetworks).";
        }
    }

    /// <summary>The middleware's options: exactly the named proxies and networks, and nothing by default.</summary>
    public ForwardedHeadersOptions Options()
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
            ForwardLimit = 1,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in Proxies)
        {
            options.KnownProxies.Add(proxy);
        }

        foreach (var network in Networks)
        {
            options.KnownIPNetworks.Add(network);
        }

        return options;
    }

    private static IEnumerable<string> List(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
