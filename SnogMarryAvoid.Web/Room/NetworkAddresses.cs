using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace SnogMarryAvoid.Web.Room;

/// <summary>
/// Where this server can be reached from other devices: the addresses it listens on, and this
/// machine's addresses on the network (Wi-Fi, Ethernet), best first.
/// </summary>
public interface INetworkAddresses
{
    /// <summary>The addresses the server listens on, as Kestrel reports them ("http://0.0.0.0:5262").</summary>
    IReadOnlyList<Uri> Listening { get; }

    /// <summary>This machine's IPv4 addresses that other devices on its networks can reach, best first.</summary>
    IReadOnlyList<IPAddress> Network { get; }
}

/// <summary>
/// The real machine: the server's listening addresses and the network interfaces that are up. The interfaces are
/// read at most every <see cref="NetworkInterval"/>: reading them means a dozen files of /proc and /sys, which
/// cost more CPU than anything else a projector did per vote when it was done for each of its redraws.
/// </summary>
public sealed class MachineAddresses(IServer server, TimeProvider clock, Func<IReadOnlyList<IPAddress>> read) : INetworkAddresses
{
    public MachineAddresses(IServer server, TimeProvider clock)
        : this(server, clock, ReadNetwork)
    {
    }

    /// <summary>How long the machine's network addresses are kept before they are read again (a laptop can change Wi-Fi).</summary>
    public static readonly TimeSpan NetworkInterval = TimeSpan.FromSeconds(10);

    private Reading? _network;

    public IReadOnlyList<Uri> Listening =>
        [.. (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Select(Parse).OfType<Uri>()];

    public IReadOnlyList<IPAddress> Network
    {
        get
        {
            if (Volatile.Read(ref _network) is { } known && clock.GetElapsedTime(known.ReadAt) < NetworkInterval)
            {
                return known.Addresses;
            }

            var addresses = read();
            Volatile.Write(ref _network, new Reading(addresses, clock.GetTimestamp()));
            return addresses;
        }
    }

    private static IReadOnlyList<IPAddress> ReadNetwork() =>
        [.. NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up && i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            // An interface with a gateway is the one the room's Wi-Fi or cable gave us; bridges for containers have none.
            .OrderByDescending(i => i.GetIPProperties().GatewayAddresses.Count > 0)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a) && !IsLinkLocal(a))];

    private sealed record Reading(IReadOnlyList<IPAddress> Addresses, long ReadAt);

    private static bool IsLinkLocal(IPAddress address) => address.GetAddressBytes() is [169, 254, ..];

    // Kestrel reports wildcards as "http://[::]:5262", "http://0.0.0.0:5262" or "http://+:5262".
    private static Uri? Parse(string address) =>
        Uri.TryCreate(address.Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri : null;
}
