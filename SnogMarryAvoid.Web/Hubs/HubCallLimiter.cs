using Microsoft.AspNetCore.SignalR;

namespace SnogMarryAvoid.Web.Hubs;

/// <summary>
/// A token bucket per hub connection: a burst of <c>Limits:HubCallBurst</c> calls (default 20), then
/// <c>Limits:HubCallsPerSecond</c> a second (default 10). A call over the limit is refused with
/// "TooManyRequests" and changes nothing; the connection stays open.
/// </summary>
public sealed class HubCallLimiter(IConfiguration configuration, TimeProvider clock) : IHubFilter
{
    private const string BucketItem = "call-bucket";
    private readonly double _burst = Math.Max(1, configuration.GetValue("Limits:HubCallBurst", 20));
    private readonly double _perSecond = Math.Max(0.1, configuration.GetValue("Limits:HubCallsPerSecond", 10.0));

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var items = invocationContext.Context.Items;
        var bucket = items.TryGetValue(BucketItem, out var found) && found is Bucket b ? b : (Bucket)(items[BucketItem] = new Bucket(_burst, clock.GetTimestamp()));
        if (!bucket.TryTake(_burst, _perSecond, clock))
        {
            throw new HubException($"TooManyRequests: slow down; at most {_perSecond:0.#} calls a second per connection.");
        }

        return next(invocationContext);
    }

    private sealed class Bucket(double tokens, long stamp)
    {
        private double _tokens = tokens;
        private long _stamp = stamp;

        public bool TryTake(double burst, double perSecond, TimeProvider clock)
        {
            lock (this)
            {
                var now = clock.GetTimestamp();
                _tokens = Math.Min(burst, _tokens + (clock.GetElapsedTime(_stamp, now).TotalSeconds * perSecond));
                _stamp = now;
                if (_tokens < 1)
                {
                    return false;
                }

                _tokens -= 1;
                return true;
            }
        }
    }
}
