using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Limits;
using SnogMarryAvoid.Web.Participants;

namespace SnogMarryAvoid.Web.Hubs;

/// <summary>
/// At most <c>Limits:HubConnectionsPerAddress</c> (<see cref="LimitsOptions"/>) hub connections open at once from one
/// network address. Phone pages are hub clients, and a venue's Wi-Fi puts a whole room behind one
/// address, so the default is above the largest room; lower it where phones do not share addresses.
/// A connection over the limit is closed with an error.
/// </summary>
public sealed class HubConnectionLimiter(IOptions<LimitsOptions> limits) : IHubFilter
{
    private const string CountedItem = "counted-address";
    private readonly int _limit = limits.Value.HubConnectionsPerAddress;
    private readonly ConcurrentDictionary<string, int> _open = new();

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var address = context.Context.GetHttpContext() is { } http ? JoinAttemptLimiter.AddressOf(http) : "unknown";
        if (_open.AddOrUpdate(address, 1, (_, n) => n + 1) > _limit)
        {
            Release(address);
            throw new DomainException(DomainError.TooManyConnections, $"at most {_limit} connections from one network address.");
        }

        context.Context.Items[CountedItem] = address;
        await next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.Items.TryGetValue(CountedItem, out var counted) && counted is string address)
        {
            Release(address);
        }

        return next(context, exception);
    }

    private void Release(string address)
    {
        if (_open.AddOrUpdate(address, 0, (_, n) => n - 1) <= 0)
        {
            _open.TryRemove(new KeyValuePair<string, int>(address, 0));
        }
    }
}
