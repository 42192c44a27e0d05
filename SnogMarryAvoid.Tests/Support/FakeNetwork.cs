using System.Net;
using SnogMarryAvoid.Web.Room;

namespace SnogMarryAvoid.Tests.Support;

/// <summary>A machine with the listening and network addresses a test says (no real interface is read).</summary>
public sealed class FakeNetwork(IReadOnlyList<Uri>? listening = null, IReadOnlyList<IPAddress>? network = null) : INetworkAddresses
{
    public IReadOnlyList<Uri> Listening { get; } = listening ?? [];

    private readonly IReadOnlyList<IPAddress> _network = network ?? [];
    private int _reads;

    public IReadOnlyList<IPAddress> Network
    {
        get
        {
            Interlocked.Increment(ref _reads);
            return _network;
        }
    }

    /// <summary>How many times the machine's network addresses were asked for.</summary>
    public int NetworkReads => Volatile.Read(ref _reads);
}
