using Microsoft.Playwright;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SnogMarryAvoid.Tests.EndToEnd;

/// <summary>
/// A facilitator clicks a control, then reaches for the keyboard or the clicker: the shortcuts must still
/// work after every kind of control (a switch, a select, a menu, a dialog), and only a text field keeps
/// its keys.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ConsoleKeysTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Email = "keys@example.org";
    private readonly AppFactory _app = new(realPort: true);
    private Actor _facilitator = default!;

    public async ValueTask InitializeAsync() => _facilitator = await _app.CreateFacilitatorAsync(Email);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private Task<RoomView> RoomAsync(Guid sessionId) => _app.Core.Sessions.GetRoomViewAsync(sessionId, _facilitator);

    private async Task ExpectRoomAsync(Guid sessionId, Func<RoomView, bool> condition, string because)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition(await RoomAsync(sessionId)))
        {
            DateTime.UtcNow.Should().BeBefore(deadline, because);
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task AfterASwitchASelectAMenuAndADialog_TheKeysAndTheClickerStillWork_AndATextFieldKeepsThem()
    {
        var (session, scenarios) = await _app.Core.LiveSessionAsync(3, owner: _facilitator);
        var console = await browser.ScreenAsync(1440, 900);
        await console.GotoAsync($"{_app.BaseUrl}/facilitate/{session.Id}");
        await console.SignInAsync(Email, AppFactory.FacilitatorPassword);
        await console.WaitForInteractiveAsync();

        // A switch: after clicking "Results live", B still blanks the projector (and the arrow keys do not flip the switch).
        await console.GetByLabel("Results live (L)").ClickAsync();
        await ExpectRoomAsync(session.Id, r => r.ShowResultsLive, "the switch was clicked");
        await console.Keyboard.PressAsync("b");
        await ExpectRoomAsync(session.Id, r => r.IsBlanked, "B after the switch blanks the projector");
        await console.Keyboard.PressAsync("b");
        await ExpectRoomAsync(session.Id, r => !r.IsBlanked, "B again shows it");

        // A select: after choosing a countdown, the clicker's Page Down takes the next step with it.
        await console.Locator(".mud-select").Filter(new() { HasText = "Countdown (T)" }).First.ClickAsync();
        await console.GetByRole(AriaRole.Option, new() { Name = "60 s" }).ClickAsync();
        await Expect(console.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await console.Keyboard.PressAsync("PageDown");
        await console.Keyboard.PressAsync("PageDown");
        await ExpectRoomAsync(session.Id, r => r.Current?.State == ScenarioState.Open && r.Current.ClosesAt is not null, "Page Down after the select opens voting with the countdown chosen");

        // A menu: scenario 3 moved up from its menu, then Page Down closes voting.
        await console.GetByLabel("Actions for scenario 3").ClickAsync();
        await console.GetByRole(AriaRole.Menuitem, new() { Name = "Move up" }).ClickAsync();
        await Expect(console.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await Expect(console.Locator(".deck-title").Nth(1)).ToHaveTextAsync(scenarios[2].Title);
        await console.Keyboard.PressAsync("PageDown");
        await ExpectRoomAsync(session.Id, r => r.Current?.State == ScenarioState.Closed, "Page Down after the menu closes voting");

        // A dialog: X asks before resetting; after Cancel, Page Down reveals.
        await console.Keyboard.PressAsync("x");
        await console.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(console.Locator(".mud-dialog-container")).ToHaveCountAsync(0);
        await console.Keyboard.PressAsync("PageDown");
        await ExpectRoomAsync(session.Id, r => r.Current?.State == ScenarioState.Revealed, "Page Down after the dialog reveals");

        // A text field keeps its keys: typing "b" and Page Down there changes nothing in the room.
        var before = await RoomAsync(session.Id);
        var field = console.GetByLabel("Public body", new() { Exact = true });
        await field.FocusAsync();
        await console.Keyboard.TypeAsync("bbc");
        await console.Keyboard.PressAsync("PageDown");
        await Expect(field).ToHaveValueAsync("bbc");
        await Task.Delay(300);
        (await RoomAsync(session.Id)).Should().BeEquivalentTo(before, "keys typed into a field are the field's");
        scenarios.Should().HaveCount(3);
    }
}
