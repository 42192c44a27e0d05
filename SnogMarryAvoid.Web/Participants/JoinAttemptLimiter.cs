using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using SnogMarryAvoid.Core.Limits;

namespace SnogMarryAvoid.Web.Participants;

/// <summary>
/// Slows down guessing of join codes: only wrong codes count, per network address, in a sliding
/// window. The default is generous (a whole room may share one address behind the venue's Wi-Fi):
/// <c>Limits:WrongJoinCodesPerMinute</c> (<see cref="LimitsOptions"/>).
/// </summary>
public sealed class JoinAttemptLimiter : IDisposable
{
    public const string Message = "Too many wrong codes from this network. Wait a minute, then check the code on the screen and try again.";

    private readonly PartitionedRateLimiter<string> _limiter;

    public JoinAttemptLimiter(IOptions<LimitsOptions> limits)
    {
        var perMinute = limits.Value.WrongJoinCodesPerMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetSlidingWindowLimiter(address, _ =>
            new SlidingWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), SegmentsPerWindow = 6, QueueLimit = 0 }));
    }

    public static string AddressOf(HttpContext context) => (context.Connection.RemoteIpAddress ?? IPAddress.None).ToString();

    /// <summary>Whether this address has used up its wrong codes for now.</summary>
    public bool IsBlocked(string address)
    {
        using var probe = _limiter.AttemptAcquire(address, 0);
        return !probe.IsAcquired;
    }

    /// <summary>Counts one wrong code against this address.</summary>
    public void WrongCode(string address) => _limiter.AttemptAcquire(address, 1).Dispose();

    public void Dispose() => _limiter.Dispose();
}
