using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using QRCoder;
using SnogMarryAvoid.Core.Settings;

namespace SnogMarryAvoid.Web.Room;

/// <summary><c>PublicBaseUrl</c>: the address phones open, for the projector, the console and the QR code.</summary>
public sealed class PublicAddressOptions : ISettings
{
    public const string Form = "an absolute http:// or https:// address, like https://vote.example.org";

    public static string Section => "";

    [SettingForm(Form)]
    public string? PublicBaseUrl { get; set; }

    public IEnumerable<string> Problems()
    {
        if (PublicBaseUrl is { } url && !IsPublicAddress(url))
        {
            yield return $"PublicBaseUrl is '{url}': expected {Form}.";
        }
    }

    private static bool IsPublicAddress(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && uri.Host.Length > 0
        && string.IsNullOrEmpty(uri.Query)
        && string.IsNullOrEmpty(uri.Fragment)
        && string.IsNullOrEmpty(uri.UserInfo);
}

/// <summary>
/// Where the room goes to join. <c>PublicBaseUrl</c> when it is set; otherwise the address the page was
/// opened on, unless that is this computer's own (localhost): then, if the server listens on the
/// network, this machine's address on it, which phones on the same Wi-Fi can open. The QR code is an
/// SVG drawn here, cached per address.
/// </summary>
public sealed class JoinLinks(IOptions<PublicAddressOptions> options, INetworkAddresses addresses)
{
    private readonly ConcurrentDictionary<string, string> _svgs = new();

    public string BaseUrl(string pageBaseUri)
    {
        if (options.Value.PublicBaseUrl is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }

        var page = new Uri(pageBaseUri);
        if (IsLoopback(page) && NetworkAddress() is { } network)
        {
            return new UriBuilder(page) { Host = network.ToString(), Path = "" }.Uri.ToString().TrimEnd('/');
        }

        return pageBaseUri.TrimEnd('/');
    }

    /// <summary>
    /// Whether phones in the room can reach the join address: false when the page is opened on this
    /// computer's own address and the server cannot be reached from the network (it listens on
    /// localhost only, or the machine is on no network), and no <c>PublicBaseUrl</c> is set.
    /// </summary>
    public bool PhonesCanReach(string pageBaseUri) =>
        options.Value.PublicBaseUrl is { Length: > 0 } || !IsLoopback(new Uri(pageBaseUri)) || NetworkAddress() is not null;

    /// <summary>The short address to read out: no scheme, no trailing slash.</summary>
    public string ShortJoinUrl(string pageBaseUri) =>
        $"{BaseUrl(pageBaseUri)}/join".Replace("https://", "", StringComparison.Ordinal).Replace("http://", "", StringComparison.Ordinal);

    public string JoinUrl(string pageBaseUri, string code) => $"{BaseUrl(pageBaseUri)}/join/{code}";

    /// <summary>
    /// The QR code of a join address as SVG markup. Safe to render as markup: we draw it, and the
    /// address is the validated base plus a code from the join-code alphabet.
    /// </summary>
    public string QrSvg(string joinUrl) => _svgs.GetOrAdd(joinUrl, url =>
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(new System.Drawing.Size(256, 256), "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    });

    // The machine's network addresses are only looked up when the server listens beyond this computer.
    private IPAddress? NetworkAddress() => NetworkAddress(addresses.Listening, () => addresses.Network);

    /// <summary>
    /// The address other devices reach this server at: the one it listens on, if that is a network
    /// address; the machine's best network address, if it listens on every interface; else none.
    /// </summary>
    public static IPAddress? NetworkAddress(IReadOnlyList<Uri> listening, IReadOnlyList<IPAddress> network) => NetworkAddress(listening, () => network);

    private static IPAddress? NetworkAddress(IReadOnlyList<Uri> listening, Func<IReadOnlyList<IPAddress>> network)
    {
        var beyond = listening.Where(l => !l.IsLoopback).ToList();
        if (beyond.Select(l => IPAddress.TryParse(l.Host.Trim('[', ']'), out var ip) ? ip : null)
            .FirstOrDefault(ip => ip is not null && !ip.Equals(IPAddress.Any) && !ip.Equals(IPAddress.IPv6Any)) is { } specific)
        {
            return specific;
        }

        return beyond.Count > 0 ? network().FirstOrDefault() : null;
    }

    private static bool IsLoopback(Uri page) => page.IsLoopback;
}
