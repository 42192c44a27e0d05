using System.Net;
using SnogMarryAvoid.LoadTest;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.EndToEnd;

/// <summary>
/// The shipped deploy/nginx.conf, run by Debian's nginx over TLS in front of two servers on PostgreSQL
/// and Redis that name it as their proxy: the documented set-up, as a self-hoster copies it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NginxProxyTests(BrowserFixture browser) : IAsyncLifetime
{
    private TwoServers _servers = default!;
    private NginxProxy _proxy = default!;

    public async ValueTask InitializeAsync()
    {
        _servers = await TwoServers.StartAsync(new() { ["ForwardedHeaders:KnownProxies"] = "127.0.0.1" });
        try
        {
            _proxy = await NginxProxy.StartAsync(_servers.A.BaseUrl, _servers.B.BaseUrl);
        }
        catch
        {
            // Nothing is disposed for a class whose set-up failed: stop the servers and their Redis here.
            await _servers.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _servers.DisposeAsync();
    }

    [Fact]
    public Task SignInConsoleProjectorAndPhones_WorkThroughIt_AllOnTheProxysOrigin() =>
        ScaleOutBrowserTests.WorkshopThroughAsync(browser, _servers, _proxy.HttpsUrl, "Behind nginx", "nginx-projector");

    /// <summary>
    /// The load tool's scale-out run in small (docs/benchmarks.md runs it with 20,000 phones): phones through the proxy's
    /// TLS from two local networks (the proxy is sticky by a client's /24), the facilitator and projector on a server.
    /// Correctness only: every phone joined, nothing lost or duplicated, the tallies agree on both servers' counts.
    /// </summary>
    [Fact]
    public async Task TheLoadTool_ThroughIt_OverTls_LosesNothing()
    {
        await _servers.A.CreateFacilitatorAsync("load-nginx@example.org");
        string[] args =
        [
            "--url", _proxy.HttpsUrl, "--trust-any-certificate", "--projector-url", _servers.A.BaseUrl,
            "--source-addresses", "127.0.1.1,127.0.2.1", "--participants", "60", "--burst-seconds", "3", "--scenarios", "1",
            "--projectors", "1", "--change-share", "0.2", "--retry-share", "0.1", "--max-seconds", "120", "--quiet",
            "--email", "load-nginx@example.org", "--password", AppFactory.FacilitatorPassword,
        ];
        using var output = new StringWriter();

        var report = await new LoadRun(LoadOptions.Parse(args), output, args).RunAsync();

        var table = report.Table();
        report.Connected.Should().Be(60, table);
        report.Audit!.Lost.Should().Be(0, table);
        report.Audit.Duplicates.Should().Be(0, table);
        report.Audit.Tallies.Should().OnlyContain(t => t.Matches, table);
        report.Passed.Should().BeTrue(table);
    }

    [Fact]
    public async Task ItBlocksMetrics_RedirectsPlainHttp_KeepsTheSignInRedirectOnItself_AndPassesTheClientsAddress()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, ServerCertificateCustomValidationCallback = (_, _, _, _) => true });

        var metrics = await http.GetAsync($"{_proxy.HttpsUrl}/metrics");
        var plain = await http.GetAsync($"{_proxy.HttpUrl}/facilitate");
        var signIn = await http.GetAsync($"{_proxy.HttpsUrl}/facilitate");
        var health = await http.GetAsync($"{_proxy.HttpsUrl}/healthz/ready");

        metrics.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await metrics.Content.ReadAsStringAsync()).Should().NotContain("sma_");
        plain.StatusCode.Should().Be(HttpStatusCode.MovedPermanently);
        plain.Headers.Location!.ToString().Should().StartWith("https://");
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signIn.Headers.Location!.ToString().Should().StartWith($"{_proxy.HttpsUrl}/account/login", "the redirect names the proxy (scheme, host and port), never a server's own address");
        health.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
