using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SnogMarryAvoid.Core.Participants;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Hubs;

namespace SnogMarryAvoid.Tests.Integration;

/// <summary>
/// A phone on a bad network can drop while its join is still being answered. SignalR does not wait for a
/// running hub call before it reports the connection closed, so the join finishes after the close: that
/// phone must not be counted as connected ("connected now" on the console, /metrics) for good.
/// </summary>
public sealed class JoinInFlightTests : IAsyncLifetime
{
    private readonly HoldTheJoin _hold = new();
    private readonly AppFactory _app;

    public JoinInFlightTests() => _app = new AppFactory(services: s => s.Configure<HubOptions<SessionHub>>(o => o.AddFilter(_hold)));

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task APhoneThatLeavesWhileItsJoinIsInFlight_IsNotCountedAsConnected_OnceTheJoinEnds()
    {
        var (session, _) = await _app.Core.LiveSessionAsync();
        var presence = _app.Services.GetRequiredService<PresenceTracker>();
        var phone = _app.HubClient();
        await phone.StartAsync();
        var join = phone.InvokeAsync<JoinReply>("Join", session.JoinCode, null);
        await _hold.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // The phone goes while the server is still on its join; the server has seen it go before the join ends.
        await phone.DisposeAsync();
        await _hold.Disconnected.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await FluentActions.Awaiting(() => join).Should().ThrowAsync<Exception>("the phone left before its answer");
        _hold.Release.SetResult();
        await _hold.Finished.Task.WaitAsync(TimeSpan.FromSeconds(10));

        presence.Connected(session.Id).Should().Be(0, "the phone has gone, although its join ended after it left");
        presence.Total.Should().Be(0);
    }

    /// <summary>Holds every Join at the door until released, and says when a connection has been closed.</summary>
    private sealed class HoldTheJoin : IHubFilter
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Disconnected { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
        {
            if (invocationContext.HubMethodName != "Join")
            {
                return await next(invocationContext);
            }

            Entered.TrySetResult();
            await Release.Task;
            try
            {
                return await next(invocationContext);
            }
            finally
            {
                Finished.TrySetResult();
            }
        }

        public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
        {
            await next(context, exception);
            Disconnected.TrySetResult();
        }
    }
}
