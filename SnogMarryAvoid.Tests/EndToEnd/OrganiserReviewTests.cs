using System.Globalization;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SnogMarryAvoid.Tests.EndToEnd;

/// <summary>After the event: an organiser reviews a finished session, compares rooms and downloads the results.</summary>
[Collection(BrowserCollection.Name)]
public class OrganiserReviewTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly AppFactory _app = new(realPort: true);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<Guid> FinishedRoomAsync(Actor facilitator, string title, Choice[] first, Choice[] second)
    {
        var session = await _app.Core.Sessions.CreateAsync(title, facilitator);
        var a = await _app.Core.Decks.AddAsync(session.Id, Actor.System, "NHS mental health trust", "mental health blogger", null);
        var b = await _app.Core.Decks.AddAsync(session.Id, Actor.System, "Council comms team", "local Facebook group", null);
        await _app.Core.Sessions.StartAsync(session.Id, Actor.System);
        var people = new List<Guid>();
        for (var i = 0; i < Math.Max(first.Length, second.Length); i++)
        {
            people.Add((await _app.Services.GetRequiredService<SnogMarryAvoid.Core.Participants.ParticipantService>()
                .JoinAsync(session.JoinCode, SnogMarryAvoid.Core.Participants.ParticipantService.NewKey())).ParticipantId);
        }

        foreach (var (scenario, votes) in new[] { (a.Id, first), (b.Id, second) })
        {
            await _app.Core.Scenarios.OpenAsync(session.Id, scenario, Actor.System);
            foreach (var (choice, person) in votes.Zip(people))
            {
                await _app.Core.Voting.CastVoteAsync(person, scenario, choice);
            }

            await _app.Core.Scenarios.RevealAsync(session.Id, scenario, Actor.System);
        }

        await _app.Core.Sessions.EndAsync(session.Id, Actor.System);
        return session.Id;
    }

    [Fact]
    public async Task Organiser_SeesTheNumbers_ComparesTwoRooms_AndDownloadsTheCsv()
    {
        var ann = await _app.CreateFacilitatorAsync("ann@example.org");
        var bob = await _app.CreateFacilitatorAsync("bob@example.org");
        var leeds = await FinishedRoomAsync(ann, "Leeds", [Choice.Marry, Choice.Marry, Choice.Snog], [Choice.Avoid, Choice.Avoid, Choice.Avoid]);
        await FinishedRoomAsync(bob, "London", [Choice.Avoid, Choice.Snog], [Choice.Avoid]);
        await FinishedRoomAsync(bob, "Leeds, the sequel", [Choice.Snog], [Choice.Snog]);

        // The list of past sessions: search by title, then narrow to one facilitator, keyboard only.
        var page = await browser.ScreenAsync(1280, 900);
        await page.GotoAsync($"{_app.BaseUrl}/facilitate");
        await page.SignInAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(3);
        await page.WaitForInteractiveAsync();
        await page.GetByLabel("Title contains").FillAsync("leeds");
        await page.GetByLabel("Title contains").PressAsync("Enter");
        await Expect(page.Locator("[data-testid=session-count]")).ToHaveTextAsync("2 sessions match");
        await page.WaitForInteractiveAsync();
        await page.GetByLabel("Facilitator").SelectOptionAsync(new SelectOptionValue { Label = "ann@example.org" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.Locator("[data-testid=session-count]")).ToHaveTextAsync("1 session match");
        await Expect(page.Locator("tbody tr [data-testid=facilitator]")).ToHaveTextAsync("ann@example.org");
        page.Url.Should().Contain("q=leeds").And.Contain("by=");
        await page.ExpectNoSeriousAxeViolationsAsync();
        await page.SaveScreenshotAsync("session-list");

        await page.GetByRole(AriaRole.Link, new() { Name = "Report for Leeds" }).ClickAsync();
        await page.WaitForURLAsync($"**/reports/{leeds}");
        var first = page.Locator("[data-scenario='1']");
        await Expect(first.Locator("[data-count=Marry]")).ToHaveTextAsync("2");
        await Expect(first.Locator("[data-count=Snog]")).ToHaveTextAsync("1");
        await Expect(first).ToContainTextAsync("The room says: marry!");
        await Expect(page.Locator("[data-scenario='2']")).ToContainTextAsync("The room says: avoid!");
        await Expect(page.Locator("[data-testid=session-chart] path.mud-chart-bar")).ToHaveCountAsync(6);
        await page.ExpectNoSeriousAxeViolationsAsync();
        await page.SaveScreenshotAsync("report");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Results CSV" }).ClickAsync());
        var path = await download.PathAsync();
        using (var csv = new CsvReader(new StreamReader(path), CultureInfo.InvariantCulture))
        {
            csv.Read();
            csv.ReadHeader();
            csv.Read();
            (csv.GetField("public_body"), csv.GetField("snog"), csv.GetField("marry"), csv.GetField("avoid"), csv.GetField("verdict"))
                .Should().Be(("NHS mental health trust", "1", "2", "0", "Marry"));
            csv.Read();
            (csv.GetField("public_body"), csv.GetField("avoid"), csv.GetField("verdict")).Should().Be(("Council comms team", "3", "Avoid"));
        }

        await page.GotoAsync($"{_app.BaseUrl}/reports");
        var comparison = page.Locator("[data-comparison='NHS mental health trust|mental health blogger'] .comparison-room");
        await Expect(comparison).ToHaveCountAsync(3);
        await Expect(comparison.Nth(0)).ToContainTextAsync("Leeds");
        await Expect(comparison.Nth(1)).ToContainTextAsync("London");
        var cell = page.Locator("td[data-cell='Council comms team|local Facebook group']");
        await Expect(cell).ToContainTextAsync("Avoid");
        await Expect(cell).ToContainTextAsync("5 votes");
        await page.ExpectNoSeriousAxeViolationsAsync();
        await page.SaveScreenshotAsync("across-sessions");
    }
}
