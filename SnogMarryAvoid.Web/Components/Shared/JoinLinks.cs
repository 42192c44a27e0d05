using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using QRCoder;
using SnogMarryAvoid.Core.Settings;

namespace SnogMarryAvoid.Web.Components.Shared;

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
/// Where the room goes to join: <c>PublicBaseUrl</c> when configured (what phones can reach), else
/// the address the page was opened on. The QR code is an SVG drawn here, cached per address.
/// </summary>
public sealed class JoinLinks(IOptions<PublicAddressOptions> options)
{
    private readonly ConcurrentDictionary<string, string> _svgs = new();

    public string BaseUrl(string pageBaseUri) =>
        (options.Value.PublicBaseUrl is { Length: > 0 } configured ? configured : pageBaseUri).TrimEnd('/');

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
}
