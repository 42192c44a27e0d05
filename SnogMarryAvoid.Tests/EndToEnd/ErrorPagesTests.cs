using Microsoft.Playwright;
using SnogMarryAvoid.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SnogMarryAvoid.Tests.EndToEnd;

/// <summary>The pages a person meets when something is not there: they pass axe, their links read as links.</summary>
[Collection(BrowserCollection.Name)]
public class ErrorPagesTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly AppFactory _app = new(realPort: true);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData("/no/such/page", "Not found")]
    [InlineData("/setup", "Not found")]
    public async Task ThePageSaysWhatHappened_AndPassesAxe(string path, string heading)
    {
        var page = await browser.PhoneAsync("Pixel 7");
        var circuits = new List<string>();
        page.WebSocket += (_, socket) => circuits.Add(socket.Url);

        var response = await page.GotoAsync($"{_app.BaseUrl}{path}");

        response!.Status.Should().Be(404);
        await Expect(page.Locator("h1")).ToHaveTextAsync(heading);
        // A plain page: a circuit would start the router again on the address that was not found, and
        // for a moment (30 ms here, longer under load) the page had no title, which axe once caught in CI.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        circuits.Should().BeEmpty("the not-found page starts no circuit");
        await Expect(page).ToHaveTitleAsync(heading);
        await page.ExpectNoSeriousAxeViolationsAsync();
        (await page.Locator("p a").First.EvaluateAsync<string>("a => getComputedStyle(a).textDecorationLine")).Should().Contain("underline");
    }
}
