using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SnogMarryAvoid.Tests.EndToEnd;

/// <summary>
/// One design system on every staff page: a main landmark, one h1, headings in order, sentence-case
/// buttons of one scale, and axe (its best-practice rules included) finding nothing serious. Also the
/// styled deck import, which must not show the browser's own file control.
/// </summary>
[Collection(BrowserCollection.Name)]
public class StaffPagesTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly AppFactory _app = new(realPort: true, settings: new() { ["PublicBaseUrl"] = "https://vote.example.org" });
    private Actor _organiser = default!;

    public async ValueTask InitializeAsync() => _organiser = await _app.OrganiserAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>
    /// The page's structure, measured in the page. The console's projector preview is one picture
    /// (role=img): its slide's own heading is not part of the page's outline, as assistive technology
    /// does not read inside an image.
    /// </summary>
    private const string Structure = """
        () => JSON.stringify({
          mains: document.querySelectorAll('main').length,
          h1s: [...document.querySelectorAll('h1')].filter(h => !h.closest('[role=img]')).length,
          levels: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter(h => h.offsetParent !== null && !h.closest('[role=img]')).map(h => Number(h.tagName[1])),
          shouting: [...document.querySelectorAll('button, a.mud-button-root')].filter(b => b.offsetParent !== null && getComputedStyle(b).textTransform === 'uppercase').map(b => b.textContent.trim()).slice(0, 5),
          nativeFile: [...document.querySelectorAll('input[type=file]')].filter(i => i.offsetParent !== null && getComputedStyle(i).visibility !== 'hidden' && i.getBoundingClientRect().width > 1).length,
        })
        """;

    private sealed record Measured(int Mains, int H1s, int[] Levels, string[] Shouting, int NativeFile);

    [Fact]
    public async Task EveryStaffPage_HasOneMainOneH1HeadingsInOrderSentenceCaseButtons_AndAxeFindsNothingSerious()
    {
        var (session, scenarios) = await _app.Core.LiveSessionAsync(2, "Leeds", owner: _organiser);
        var person = (await _app.Core.JoinAsync(session.JoinCode, 1))[0];
        await _app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, _organiser);
        await _app.Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Marry);

        var page = await browser.ScreenAsync(1440, 900);
        await page.GotoAsync($"{_app.BaseUrl}/facilitate");
        await page.SignInAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        string[] pages = ["/facilitate", $"/facilitate/{session.Id}", "/reports", $"/reports/{session.Id}", "/admin/users", "/account/password"];
        var problems = new List<string>();
        foreach (var path in pages)
        {
            await page.GotoAsync($"{_app.BaseUrl}{path}");
            await page.Locator("h1").First.WaitForAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

            var measured = System.Text.Json.JsonSerializer.Deserialize<Measured>(await page.EvaluateAsync<string>(Structure), System.Text.Json.JsonSerializerOptions.Web)!;
            if (measured.Mains != 1 || measured.H1s != 1)
            {
                problems.Add($"{path}: {measured.Mains} main landmarks and {measured.H1s} h1s; expected one of each");
            }

            if (measured.Levels.Zip(measured.Levels.Skip(1)).FirstOrDefault(p => p.Second > p.First + 1) is { First: > 0 } skip)
            {
                problems.Add($"{path}: a heading jumps from h{skip.First} to h{skip.Second} ({string.Join(",", measured.Levels)})");
            }

            if (measured.Shouting.Length > 0)
            {
                problems.Add($"{path}: ALL-CAPS buttons: {string.Join(", ", measured.Shouting)}");
            }

            if (measured.NativeFile > 0)
            {
                problems.Add($"{path}: the browser's own file control shows");
            }

            var axe = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
            {
                RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
            });
            problems.AddRange(axe.Violations
                .Where(v => v.Impact is "serious" or "critical" || v.Id is "landmark-one-main" or "page-has-heading-one" or "heading-order" or "region")
                .Select(v => $"{path}: axe {v.Id} ({v.Impact}): {string.Join(" | ", v.Nodes.Take(2).Select(n => n.Html))}"));
            await page.SaveScreenshotAsync($"staff{path.Replace('/', '-').Replace(session.Id.ToString(), "session")}", fullPage: false);
        }

        problems.Should().BeEmpty();
    }

    [Fact]
    public async Task TheDeckImport_IsAStyledButton_ThatImportsAFile_AndSaysWhatItDid()
    {
        var session = await _app.Core.Sessions.CreateAsync("Import", _organiser);
        var page = await browser.ScreenAsync(1440, 900);
        await page.GotoAsync($"{_app.BaseUrl}/facilitate/{session.Id}");
        await page.SignInAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await page.WaitForInteractiveAsync();

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Import JSON or CSV…" })).ToBeVisibleAsync();
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "deck.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("public_body,counterpart,context,notes\nTrust,Blogger,,Ask who gains.\n"),
        });

        await Expect(page.GetByText("Imported deck.csv.")).ToBeVisibleAsync();
        await Expect(page.Locator(".deck-title")).ToHaveTextAsync("Trust meets Blogger");
        await Expect(page.GetByTestId("presenter-notes")).ToContainTextAsync("Ask who gains.");
    }
}
