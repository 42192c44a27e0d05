using Microsoft.Playwright;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Components.Pages.About;
using static Microsoft.Playwright.Assertions;

namespace SnogMarryAvoid.Tests.EndToEnd;

/// <summary>The accessibility statement UK public bodies must publish: a page in the app, drawn from docs/accessibility.md.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityStatementTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly AppFactory _app = new(realPort: true);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData(320, 640)]
    [InlineData(390, 844)]
    [InlineData(1280, 800)]
    public async Task ThePage_IsTheDoc_ReachableFromTheJoinPage_AndItselfAccessible(int width, int height)
    {
        var page = await browser.ScreenAsync(width, height);
        await page.GotoAsync($"{_app.BaseUrl}/account/login");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Accessibility statement" })).ToHaveAttributeAsync("href", "/accessibility");
        await page.SaveScreenshotAsync($"sign-in-{width}");
        await page.GotoAsync(_app.BaseUrl);
        await page.SaveScreenshotAsync($"join-code-{width}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Accessibility", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/accessibility");

        var doc = File.ReadAllText(Path.Combine(Repo.Root, "docs", "accessibility.md"));
        var headings = System.Text.RegularExpressions.Regex.Matches(doc, "^#{1,3} (.+)$", System.Text.RegularExpressions.RegexOptions.Multiline).Select(m => m.Groups[1].Value.Trim()).ToList();
        (await page.Locator("h1, h2, h3").AllInnerTextsAsync()).Select(t => t.Trim()).Should().Equal(headings, "the page shows the doc's sections, in order");
        await Expect(page.Locator("body")).ToContainTextAsync("partially compliant with the Web Content Accessibility Guidelines version 2.2 AA");
        await Expect(page.Locator("body")).ToContainTextAsync("This statement was prepared on");
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth")).Should().BeTrue("nothing scrolls sideways");
        await page.ExpectNoSeriousAxeViolationsAsync();
        await page.SaveScreenshotAsync($"accessibility-{width}");
    }

    [Fact]
    public void TheStatement_IsReadAsHeadingsParagraphsAndLists_AllOfItText()
    {
        var blocks = AccessibilityStatement.Parse("# Title\n\nOne line\nand the next.\n\n- first\n  goes on\n- <script>alert(1)</script>\n\n## Section\n### Part\nLast.");

        blocks.Select(b => b switch
        {
            StatementHeading h => $"h{h.Level} {h.Text}",
            StatementParagraph p => $"p {p.Text}",
            StatementList l => $"ul {string.Join(" | ", l.Items)}",
            _ => "?",
        }).Should().Equal("h1 Title", "p One line and the next.", "ul first goes on | <script>alert(1)</script>", "h2 Section", "h3 Part", "p Last.");
    }
}
