using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using SnogMarryAvoid.Core.Accounts;

namespace SnogMarryAvoid.Web.Hubs;

/// <summary>
/// The hub connections of signed-in facilitators and organisers. A sign-in cookie is checked only when
/// a connection opens, so this keeps checking: every <see cref="Interval"/> it asks Core whether each
/// connection's sign-in is still good (<see cref="AccountService.IsSignInValidAsync"/>: the account
/// exists, is not disabled, its password has not changed) and closes the connections whose sign-in is
/// not. A facilitator call checks too, with an answer at most <see cref="Interval"/> old. So within
/// about 15 s (well inside a minute, as for the console) a revoked account loses the hub.
/// </summary>
public sealed class StaffConnections(IServiceScopeFactory scopes, IOptions<IdentityOptions> identity, TimeProvider clock, ILogger<StaffConnections> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, Connection> _open = new();

    private sealed class Connection(HubCallerContext context, string userId, string? stamp)
    {
        public long CheckedAt;
        public volatile bool Valid = true;

        public HubCallerContext Context { get; } = context;
        public string UserId { get; } = userId;
        public string? Stamp { get; } = stamp;

        /// <summary>The sessions this connection watches (<see cref="SessionHub.Watch"/>).</summary>
        public ConcurrentDictionary<Guid, byte> Watching { get; } = new();
    }

    /// <summary>How many staff connections are open on this server.</summary>
    public int Count => _open.Count;

    public void Opened(HubCallerContext context)
    {
        if (context.User is { Identity.IsAuthenticated: true } user && user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            // Not checked yet: a cookie is trusted for a minute after a revocation, so the first call checks.
            _open[context.ConnectionId] = new Connection(context, userId, user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType));
        }
    }

    public void Closed(HubCallerContext context) => _open.TryRemove(context.ConnectionId, out _);

    /// <summary>Notes that the connection watches a session, so that the checks can stop it when the session is no longer shared with it.</summary>
    public void Watching(HubCallerContext context, Guid sessionId)
    {
        if (_open.TryGetValue(context.ConnectionId, out var connection))
        {
            connection.Watching[sessionId] = 0;
        }
    }

    /// <summary>Whether this connection's sign-in is still good, checked again when the last answer is older than <see cref="Interval"/>.</summary>
    public async Task<bool> IsStillSignedInAsync(HubCallerContext context)
    {
        if (!_open.TryGetValue(context.ConnectionId, out var connection))
        {
            return false;
        }

        if (connection.Valid && (Interlocked.Read(ref connection.CheckedAt) == 0 || clock.GetElapsedTime(Interlocked.Read(ref connection.CheckedAt)) > Interval))
        {
            await CheckAsync([connection]);
        }

        return connection.Valid;
    }

    /// <summary>One pass: checks every open staff connection and closes those whose sign-in is no longer good. Returns how many it closed.</summary>
    public async Task<int> CheckAllAsync()
    {
        var closed = 0;
        foreach (var connection in await CheckAsync([.. _open.Values]))
        {
            connection.Context.Abort();
            _open.TryRemove(connection.Context.ConnectionId, out _);
            closed++;
        }

        if (closed > 0)
        {
            logger.LogInformation("Closed {Count} hub connection(s) of accounts that were disabled, deleted or given a new password", closed);
        }

        await StopWatchingWhatIsNoLongerSharedAsync();
        return closed;
    }

    /// <summary>
    /// A co-facilitator removed from a session stops receiving its events: each watched session is asked
    /// again (Core's rule), and a connection that may no longer run it leaves its watchers' group.
    /// Returns how many watches it ended.
    /// </summary>
    public async Task<int> StopWatchingWhatIsNoLongerSharedAsync()
    {
        var watches = _open.Values.SelectMany(c => c.Watching.Keys.Select(id => (Connection: c, SessionId: id))).ToList();
        if (watches.Count == 0)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<SnogMarryAvoid.Core.Sessions.SessionService>();
        var hub = scope.ServiceProvider.GetRequiredService<IHubContext<SessionHub, SnogMarryAvoid.Core.Contract.ISessionClient>>();
        var ended = 0;
        foreach (var (connection, sessionId) in watches)
        {
            if (!await sessions.MayRunAsync(sessionId, Web.Accounts.ActorOf.User(connection.Context.User!)))
            {
                await hub.Groups.RemoveFromGroupAsync(connection.Context.ConnectionId, HubGroups.Watchers(sessionId));
                connection.Watching.TryRemove(sessionId, out _);
                ended++;
            }
        }

        return ended;
    }

    // Checks each sign-in (user and stamp) once, marks the connections, and returns the invalid ones.
    private async Task<List<Connection>> CheckAsync(IReadOnlyCollection<Connection> connections)
    {
        var invalid = new List<Connection>();
        if (connections.Count == 0)
        {
            return invalid;
        }

        await using var scope = scopes.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        foreach (var signIn in connections.GroupBy(c => (c.UserId, c.Stamp)))
        {
            var valid = await accounts.IsSignInValidAsync(signIn.Key.UserId, signIn.Key.Stamp);
            foreach (var connection in signIn)
            {
                connection.Valid = valid;
                Interlocked.Exchange(ref connection.CheckedAt, clock.GetTimestamp());
                if (!valid)
                {
                    invalid.Add(connection);
                }
            }
        }

        return invalid;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAllAsync();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Checking the sign-ins of open hub connections failed; will try again");
            }
        }
    }
}
