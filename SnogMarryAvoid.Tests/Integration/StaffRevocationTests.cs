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
}
