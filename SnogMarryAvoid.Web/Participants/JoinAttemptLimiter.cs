using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Limits;

namespace SnogMarryAvoid.Web.Participants;

/// <summary>
/// Slows down guessing of join codes without ever locking a room out. Only wrong codes count, per
/// network address, in a token bucket (<c>Limits:WrongJoinCodesPerMinute</c>, <see cref="LimitsOptions"/>: that
/// many at once, then that many a minute). The buckets are refilled by arithmetic when asked (<see cref="TokenBuckets{TKey}"/>):
/// .NET's partitioned rate limiter, used before, woke a timer ten times a second for as long as the server ran,
/// about 4 ms of CPU a second in an idle server.
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

    private readonly TokenBuckets<string> _wrongCodes;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _turns = new();

    public JoinAttemptLimiter(IOptions<LimitsOptions> limits, TimeProvider clock)
    {
        var perMinute = limits.Value.WrongJoinCodesPerMinute;
        _wrongCodes = new TokenBuckets<string>(perMinute, perMinute / 60.0, clock);
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
    private bool IsOver(string address) => !_wrongCodes.HasToken(address);

    private void WrongCode(string address) => _wrongCodes.TryTake(address);

    public void Dispose()
    {
        foreach (var turns in _turns.Values)
        {
            turns.Dispose();
        }
    }
}
