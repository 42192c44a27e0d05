using System.Net;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Http;

namespace SnogMarryAvoid.Tests.Integration;

/// <summary>
/// Forwarded headers are believed only from the proxies named in settings: a client that is not one
/// cannot spoof its address past the wrong-code limit, nor its scheme and host into the app's redirects.
/// </summary>
public sealed class KnownProxiesTests
{
    private const int Limit = 5;

    private static AppFactory App(Dictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string> { ["Limits:WrongJoinCodesPerMinute"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return new AppFactory(realPort: true, settings: settings);
    }

    /// <summary>Wrong codes from this test (127.0.0.1), each claiming to come from another address; how many were let through.</summary>
    private static async Task<int> WrongCodesLetThroughAsync(AppFactory app, int tries)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
        var through = 0;
        for (var i = 0; i < tries; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/?code=KX7PM");
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i % 250 + 1}");
            through += (await http.SendAsync(request)).StatusCode == HttpStatusCode.TooManyRequests ? 0 : 1;
        }

        return through;
    }

    [Fact]
    public async Task WithNoProxyNamed_ARotatingXForwardedFor_IsIgnored_AndTheLimitHolds()
    {
        await using var app = App();

        (await WrongCodesLetThroughAsync(app, 3 * Limit)).Should().Be(Limit, "the client is counted by its own address, not the one it claims");
    }

    [Fact]
    public async Task LoopbackIsNotTrusted_UnlessNamed_NorIsAClientThatIsNotTheNamedProxy()
    {
        await using var app = App(new() { ["ForwardedHeaders:KnownProxies"] = "10.0.0.5", ["ForwardedHeaders:KnownNetworks"] = "192.168.0.0/16" });

        (await WrongCodesLetThroughAsync(app, 3 * Limit)).Should().Be(Limit, "127.0.0.1 is not the named proxy");
    }

    [Fact]
    public async Task ANamedProxy_IsBelieved_ForTheAddress_TheScheme_AndTheHost()
    {
        await using var app = App(new() { ["ForwardedHeaders:KnownProxies"] = "127.0.0.1" });

        (await WrongCodesLetThroughAsync(app, 3 * Limit)).Should().Be(3 * Limit, "behind the named proxy, each forwarded address is its own client");

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/facilitate");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "vote.example.org");
        var redirect = await http.SendAsync(request);

        redirect.StatusCode.Should().Be(HttpStatusCode.Redirect);
        redirect.Headers.Location!.ToString().Should().StartWith("https://vote.example.org/account/login", "the sign-in redirect names the public address, not the server's");
    }

    [Fact]
    public async Task AnUntrustedClient_CannotPutItsOwnHostIntoARedirect()
    {
        await using var app = App(new() { ["ForwardedHeaders:KnownProxies"] = "10.0.0.5" });
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/facilitate");
        request.Headers.Add("X-Forwarded-Host", "evil.example.net");
        request.Headers.Add("X-Forwarded-Proto", "https");

        var redirect = await http.SendAsync(request);

        redirect.Headers.Location!.ToString().Should().NotContain("evil.example.net");
    }

    [Theory]
    [InlineData("KnownProxies", "not-an-address", "ForwardedHeaders:KnownProxies has 'not-an-address': expected IP addresses separated by commas")]
    [InlineData("KnownNetworks", "10.0.0.0/99", "ForwardedHeaders:KnownNetworks has '10.0.0.0/99': expected networks in CIDR form")]
    public void ABadProxySetting_IsRefused_NamingTheKey(string key, string value, string expected)
    {
        var settings = new ForwardedHeadersSettings();
        typeof(ForwardedHeadersSettings).GetProperty(key)!.SetValue(settings, value);

        settings.Problems().Should().ContainSingle().Which.Should().StartWith(expected);
    }
}
