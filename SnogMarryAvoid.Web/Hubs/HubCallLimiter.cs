using Microsoft.AspNetCore.SignalR;
using SnogMarryAvoid.Core.Live;

namespace SnogMarryAvoid.Web.Hubs;

/// <summary>
/// A token bucket per hub connection: a burst of <c>Limits:HubCallBurst</c> calls (default 20), then
/// <c>Limits:HubCallsPerSecond</c> a second (default 10). A call over the limit is refused with
/// "TooManyRequests" and changes nothing; the connection stays open.
/// </summary>
public sealed class HubCallLimiter(IConfiguration configuration, TimeProvider clock) : IHubFilter
{
    private readonly TokenBuckets<string> _buckets = new(
        configuration.GetValue("Limits:HubCallBurst", 20), configuration.GetValue("Limits:HubCallsPerSecond", 10.0), clock);

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next) =>
        _buckets.TryTake(invocationContext.Context.ConnectionId)
            ? next(invocationContext)
            : throw new HubException($"TooManyRequests: slow down; at most {_buckets.PerSecond:0.#} calls a second per connection.");

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        _buckets.Forget(context.Context.ConnectionId);
        return next(context, exception);
    }
}
