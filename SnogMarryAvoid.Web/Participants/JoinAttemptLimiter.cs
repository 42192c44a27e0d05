using System.Collections.Concurrent;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Limits;

namespace SnogMarryAvoid.Web.Participants;

/// <summary>
/// Slows down guessing of join codes without ever locking a room out. Only wrong codes count, per
/// network address, in a sliding window (<c>Limits:WrongJoinCodesPerMinute</c>, <see cref="LimitsOptions"/>).
/// Once an address has used them up, its attempts take turns, <see cref="Turns"/> at a time, and each
/// wrong one holds its turn for <see cref="Penalty"/> before it is refused: guessing from that address
/// drops to a couple of codes a second, while a right code, typed by a phone behind the same venue
/// Wi-Fi as the prankster, still gets in (at once, or after the turns ahead of it).
/// </summary>
public sealed class JoinAttemptLimiter : IDisposable
{
    public const string Message = "Too many wrong codes from this network, so each try now takes a moment. Check the code on the screen and try again.";

    /// <summary>Attempts from an address over its limit that run at once.</summary>
    public const int Turns = 2;

    /// <summary>How long a wrong code from an address over its limit holds its turn.</summary>
    public static readonly TimeSpan Penalty = TimeSpan.FromSeconds(1);

    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _turns = new();

    public JoinAttemptLimiter(IOptions<LimitsOptions> limits)
    {
        var perMinute = limits.Value.WrongJoinCodesPerMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetSlidingWindowLimiter(address, _ =>
            new SlidingWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), SegmentsPerWindow = 6, QueueLimit = 0 }));
    }

    public static string AddressOf(HttpContext context) => (context.Connection.RemoteIpAddress ?? IPAddress.None).ToString();

    /// <summary>
    /// Runs one attempt to join from <paramref name="address"/>. A wrong code (<see cref="DomainError.UnknownJoinCode"/>)
    /// counts against the address; from an address over its limit it is refused with
    /// <see cref="DomainError.TooManyAttempts"/> after its turn. Anything else passes through as it is.
    /// </summary>
    public async Task<T> AttemptAsync<T>(string address, Func<Task<T>> join)
    {
        if (!IsOver(address))
        {
            try
            {
                return await join();
            }
            catch (DomainException ex) when (ex.Error == DomainError.UnknownJoinCode)
            {
                WrongCode(address);
                throw;
            }
        }

        var turns = _turns.GetOrAdd(address, _ => new SemaphoreSlim(Turns, Turns));
        await turns.WaitAsync();
        try
        {
            return await join();
        }
        catch (DomainException ex) when (ex.Error == DomainError.UnknownJoinCode)
        {
            WrongCode(address);
            await Task.Delay(Penalty);
            throw new DomainException(DomainError.TooManyAttempts, Message).Says("tooManyAttempts");
        }
        finally
        {
            turns.Release();
        }
    }

    /// <summary>Whether this address has used up its wrong codes for now.</summary>
    private bool IsOver(string address)
    {
        using var probe = _limiter.AttemptAcquire(address, 0);
        return !probe.IsAcquired;
    }

    private void WrongCode(string address) => _limiter.AttemptAcquire(address, 1).Dispose();

    public void Dispose()
    {
        _limiter.Dispose();
        foreach (var turns in _turns.Values)
        {
            turns.Dispose();
        }
    }
}
