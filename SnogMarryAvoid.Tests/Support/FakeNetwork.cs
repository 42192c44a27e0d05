using System.Net;
using SnogMarryAvoid.Web.Room;

namespace SnogMarryAvoid.Tests.Support;

/// <summary>A machine with the listening and network addresses a test says (no real interface is read).</summary>
public sealed class FakeNetwork(IReadOnlyList<Uri>? listening = null, IReadOnlyList<IPAddress>? network = null) : INetworkAddresses
{
    public IReadOnlyList<Uri> Listening { get; } = listening ?? [];

    public IReadOnlyList<IPAddress> Network { get; } = network ?? [];
}
