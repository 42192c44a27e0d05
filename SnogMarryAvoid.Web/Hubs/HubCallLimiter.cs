using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Limits;

namespace SnogMarryAvoid.Web.Hubs;

/// <summary>
/// A token bucket per hub connection: a burst of <c>Limits:HubCallBurst</c> calls, then
/// <c>Limits:HubCallsPerSecond</c> a second (<see cref="LimitsOptions"/>). A call over the limit is refused
/// with "TooManyRequests" and changes nothing; the connection stays open.
/// </summary>
public sealed class HubCallLimiter(IOptions<LimitsOptions> limits, TimeProvider clock) : IHubFilter
{
    private readonly TokenBuckets<string> _buckets = new(limits.Value.HubCallBurst, limits.Value.HubCallsPerSecond, clock);

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next) =>
        _buckets.TryTake(invocationContext.Context.ConnectionId)
            ? next(invocationContext)
            : throw new DomainException(DomainError.TooManyRequests, $"slow down; at most {_buckets.PerSecond:0.#} calls a second per connection.");

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        _buckets.Forget(context.Context.ConnectionId);
        return next(context, exception);
    }
}
