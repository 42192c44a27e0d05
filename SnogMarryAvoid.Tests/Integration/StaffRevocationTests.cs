using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Hubs;

namespace SnogMarryAvoid.Tests.Integration;

/// <summary>A facilitator whom an organiser disables or deletes loses an open hub connection too, not only the console.</summary>
public sealed class StaffRevocationTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<(Actor Facilitator, HubConnection Hub, Task<Exception?> Closed, Guid Session)> WatchingFacilitatorAsync(string email)
    {
        var facilitator = await _app.CreateFacilitatorAsync(email);
        var hub = _app.HubClient(await _app.SignInCookiesAsync(email, AppFactory.FacilitatorPassword));
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += error => { closed.TrySetResult(error); return Task.CompletedTask; };
        await hub.StartAsync();
        var created = await hub.InvokeAsync<RoomView>("CreateSession", "Their room", false);
        await hub.InvokeAsync<WatchReply>("Watch", created.SessionId);
        return (facilitator, hub, closed.Task, created.SessionId);
    }

    private async Task AsOrganiserAsync(Func<AccountService, Actor, Task> act)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await act(scope.ServiceProvider.GetRequiredService<AccountService>(), await _app.OrganiserAsync());
    }

    [Fact]
    public async Task Disabled_TheOpenConnectionIsClosedWithinAMinute_ByItself()
    {
        var (facilitator, hub, closed, _) = await WatchingFacilitatorAsync("disabled@example.org");
        await using var _ = hub;

        await AsOrganiserAsync((accounts, organiser) => accounts.SetDisabledAsync(organiser, facilitator.UserId, disabled: true));

        // Nobody asks: the server's own check (every StaffConnections.Interval) closes it. The wait is bounded; no time is asserted.
        await closed.WaitAsync(TimeSpan.FromSeconds(60));
        hub.State.Should().Be(HubConnectionState.Disconnected, "the server closed it");
    }

    [Fact]
    public async Task Deleted_TheCheckClosesTheConnection_AndANewOneWithTheOldCookieIsRefused()
    {
        var (facilitator, hub, closed, session) = await WatchingFacilitatorAsync("deleted@example.org");
        await using var _ = hub;
        var cookies = await _app.SignInCookiesAsync("deleted@example.org", AppFactory.FacilitatorPassword);

        await AsOrganiserAsync((accounts, organiser) => accounts.DeleteAsync(organiser, facilitator.UserId));
        var closedNow = await _app.Services.GetRequiredService<StaffConnections>().CheckAllAsync();

        closedNow.Should().BeGreaterThanOrEqualTo(1);
        await closed.WaitAsync(TimeSpan.FromSeconds(10));
        await using var again = _app.HubClient(cookies);
        await again.StartAsync();
        var before = await _app.Core.Sessions.GetRoomViewAsync(session, Actor.System);
        var next = () => again.InvokeAsync<RoomView>("End", session);
        (await next.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("SignInRequired: this account's sign-in is no longer valid");
        (await _app.Core.Sessions.GetRoomViewAsync(session, Actor.System)).Revision.Should().Be(before.Revision, "nothing changed");
    }

    [Fact]
    public async Task AStillValidFacilitator_KeepsTheConnection()
    {
        var (_, hub, closed, session) = await WatchingFacilitatorAsync("kept@example.org");
        await using var _ = hub;

        (await _app.Services.GetRequiredService<StaffConnections>().CheckAllAsync()).Should().Be(0);

        closed.IsCompleted.Should().BeFalse();
        (await hub.InvokeAsync<RoomView>("End", session)).IsEnded.Should().BeTrue();
    }

    [Fact]
    public async Task ACoFacilitatorWhoIsRemoved_StopsReceivingTheSessionsEvents_AndMayNoLongerRunIt()
    {
        var owner = await _app.CreateFacilitatorAsync("owner@example.org");
        await _app.CreateFacilitatorAsync("co@example.org");
        var (session, _) = await _app.Core.LiveSessionAsync(2, owner: owner);
        await _app.Core.Sessions.ShareAsync(session.Id, owner, "co@example.org");
        await using var hub = _app.HubClient(await _app.SignInCookiesAsync("co@example.org", AppFactory.FacilitatorPassword));
        var titles = new System.Collections.Concurrent.ConcurrentQueue<string>();
        hub.On<RoomView>("SessionChanged", view => titles.Enqueue(view.Title));
        await hub.StartAsync();
        await hub.InvokeAsync<WatchReply>("Watch", session.Id);

        await _app.Core.Sessions.RenameAsync(session.Id, owner, "Seen by the co-facilitator");
        await WaitForAsync(() => titles.Contains("Seen by the co-facilitator"));

        await _app.Core.Sessions.UnshareAsync(session.Id, owner, (await _app.Core.Sessions.GetAsync(session.Id, owner)).CoFacilitators[0].UserId);
        (await _app.Services.GetRequiredService<StaffConnections>().StopWatchingWhatIsNoLongerSharedAsync()).Should().Be(1);
        await _app.Core.Sessions.RenameAsync(session.Id, owner, "Not for them");
        await _app.Core.Sessions.RenameAsync(session.Id, owner, "Nor this");
        await Task.Delay(500);

        titles.Should().NotContain(["Not for them", "Nor this"], "a removed co-facilitator hears nothing more of the session");
        var next = () => hub.InvokeAsync<RoomView>("Next", session.Id);
        (await next.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("Forbidden");
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline);
            await Task.Delay(20);
        }
    }
}
