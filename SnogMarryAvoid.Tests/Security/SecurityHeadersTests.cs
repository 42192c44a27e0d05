using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SnogMarryAvoid.Tests.Security;

public sealed class SecurityHeadersTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/healthz")]
    [InlineData("/no-such-page")]
    public async Task EveryResponse_CarriesTheHeaders(string path)
    {
        using var client = _app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("default-src 'self'").And.Contain("frame-ancestors 'none'").And.Contain("object-src 'none'")
            .And.MatchRegex("script-src 'self' 'nonce-[A-Za-z0-9_-]{22}'").And.NotContain("unsafe-eval");
        Regex.Match(csp, "script-src[^;]*").Value.Should().NotContain("unsafe-inline", "no inline script runs without the nonce");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().Should().Be("same-origin");
        response.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
    }

    [Fact]
    public async Task InlineScripts_CarryThisResponsesNonce_AndNoncesDifferPerResponse()
    {
        var (session, _) = await _app.Core.LiveSessionAsync(1, owner: Actor.System);
        using var client = _app.CreateClient();
        static List<string> InlineScripts(string html) => Regex.Matches(html, "<script(?![^>]*\\bsrc=)[^>]*>").Select(m => m.Value).ToList();

        var first = await client.GetAsync("/account/login");
        var second = await client.GetAsync("/account/login");
        var phone = await client.GetAsync($"/join/{session.JoinCode}");

        string NonceOf(HttpResponseMessage r) => Regex.Match(r.Headers.GetValues("Content-Security-Policy").Single(), "'nonce-([^']+)'").Groups[1].Value;
        NonceOf(first).Should().NotBe(NonceOf(second));
        var inline = InlineScripts(await first.Content.ReadAsStringAsync());
        inline.Should().NotBeEmpty("the import map is inline");
        var expected = $"nonce=\"{NonceOf(first)}\"";
        inline.Should().OnlyContain(tag => tag.Contains(expected));
        NonceOf(first).Should().MatchRegex("^[A-Za-z0-9_-]+$", "a base64url nonce needs no escaping in the page");
        InlineScripts(await phone.Content.ReadAsStringAsync()).Should().BeEmpty("the phone page has no inline script at all (no import map: its two scripts import nothing)");
    }

    [Fact]
    public async Task Hsts_IsSentOutsideDevelopment_OverHttps()
    {
        // (HSTS is never sent for localhost, so the request names a real host.)
        await using var production = _app.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        using var client = production.CreateClient(new() { BaseAddress = new Uri("https://vote.example.org"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/healthz");

        response.Headers.GetValues("Strict-Transport-Security").Single().Should().Contain("max-age=");
    }
}

/// <summary>The pages of every role, in a real browser, with the policy on: nothing is refused, and each page works.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string RecordViolations =
        "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));";

    private readonly AppFactory _app = new(realPort: true);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task PhoneProjectorConsoleReportsAndAccounts_RunWithoutAViolation()
    {
        var organiser = await _app.OrganiserAsync();
        var (session, scenarios) = await _app.Core.LiveSessionAsync(1, owner: organiser);
        await _app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, organiser);

        var phone = await browser.PhoneAsync("Pixel 7");
        await phone.AddInitScriptAsync(RecordViolations);
        await phone.GotoAsync(_app.BaseUrl);
        await phone.GetByLabel("Join code").FillAsync(session.JoinCode);
        await phone.GetByLabel("Join code").PressAsync("Enter");
        await phone.WaitForInteractiveAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Marry" }).ClickAsync();
        await Expect(phone.GetByText("Vote received: Marry")).ToBeVisibleAsync();
        (await phone.EvaluateAsync<string[]>("window.__csp")).Should().BeEmpty();

        var screen = await browser.ScreenAsync(1280, 800);
        await screen.AddInitScriptAsync(RecordViolations);
        await screen.GotoAsync($"{_app.BaseUrl}/facilitate/{session.Id}");
        await screen.SignInAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        foreach (var path in new[] { $"/facilitate/{session.Id}", $"/projector/{session.Id}", "/facilitate", $"/reports/{session.Id}", "/reports", "/admin/users" })
        {
            await screen.GotoAsync(_app.BaseUrl + path);
            await screen.WaitForFunctionAsync("() => window.Blazor !== undefined && document.readyState === 'complete'");
            await screen.WaitForLoadStateAsync(LoadState.NetworkIdle);
            (await screen.EvaluateAsync<string[]>("window.__csp")).Should().BeEmpty($"{path} should run within the policy");
        }
    }
}
