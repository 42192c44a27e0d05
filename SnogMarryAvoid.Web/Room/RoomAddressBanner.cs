using System.Net;
using Microsoft.Extensions.Options;

namespace SnogMarryAvoid.Web.Room;

/// <summary>
/// Once the server listens, says where to open it, as Vite and Jupyter do: on this computer, and for
/// the phones in the room; or, when phones cannot reach it, why and what to change.
/// </summary>
public sealed class RoomAddressBanner(IHostApplicationLifetime lifetime, INetworkAddresses addresses, IOptions<PublicAddressOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            if (addresses.Listening.Count > 0)
            {
                Console.Out.Write(string.Concat(Lines(addresses.Listening, addresses.Network, options.Value.PublicBaseUrl).Select(l => l + Environment.NewLine)));
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>What the banner says, for these listening addresses, network addresses and <c>PublicBaseUrl</c>.</summary>
    public static IReadOnlyList<string> Lines(IReadOnlyList<Uri> listening, IReadOnlyList<IPAddress> network, string? publicBaseUrl)
    {
        var first = listening[0];
        var local = new UriBuilder(first) { Host = first.IsLoopback ? first.Host : "localhost", Path = "" }.Uri.ToString().TrimEnd('/');
        var lines = new List<string> { "", "  Snog · Marry · Avoid is running.", $"  On this computer:    {local}   (sign in, run the session, open the projector)" };
        if (publicBaseUrl is { Length: > 0 })
        {
            lines.Add($"  Phones join at:      {publicBaseUrl.TrimEnd('/')}/join   (PublicBaseUrl)");
        }
        else if (JoinLinks.NetworkAddress(listening, network) is { } address)
        {
            var room = new UriBuilder(first) { Host = address.ToString(), Path = "" }.Uri.ToString().TrimEnd('/');
            lines.Add($"  Phones join at:      {room}/join   (on the same Wi-Fi as this computer)");
        }
        else
        {
            lines.Add("  Phones cannot reach this server: it listens on this computer only"
                + (network.Count == 0 ? ", and this computer is on no network." : "."));
            lines.Add("  To run a room, join the room's Wi-Fi (or a phone's hotspot) and listen on the network,");
            lines.Add($"  e.g. ASPNETCORE_URLS=http://0.0.0.0:{first.Port}, or set PublicBaseUrl (README: Run it in a room).");
        }

        lines.Add("");
        return lines;
    }
}
