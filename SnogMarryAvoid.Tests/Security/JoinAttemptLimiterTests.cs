using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Limits;
using SnogMarryAvoid.Web.Participants;

namespace SnogMarryAvoid.Tests.Security;

/// <summary>
/// Wrong join codes per address: that many at once, then that many a minute, counted on the server's clock. The
/// limiter used to be .NET's partitioned rate limiter, which kept a timer waking ten times a second for the life of
/// the server (about 4 ms of CPU a second with nobody there, docs/benchmarks.md); this one runs nothing between attempts.
/// </summary>
public class JoinAttemptLimiterTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));

    private static Task<string> Wrong() => throw new DomainException(DomainError.UnknownJoinCode, "no such code");

    [Fact]
    public async Task AfterItsWrongCodes_AnAddressIsSlowed_AndAWrongCodeComesBack_AsTheClockMoves()
    {
        using var limiter = new JoinAttemptLimiter(Options.Create(new LimitsOptions { WrongJoinCodesPerMinute = 3 }), _clock);
        for (var i = 0; i < 3; i++)
        {
            (await FluentActions.Awaiting(() => limiter.AttemptAsync("10.0.0.9", Wrong)).Should().ThrowAsync<DomainException>())
                .Which.Error.Should().Be(DomainError.UnknownJoinCode);
        }

        (await FluentActions.Awaiting(() => limiter.AttemptAsync("10.0.0.9", Wrong)).Should().ThrowAsync<DomainException>())
            .Which.Error.Should().Be(DomainError.TooManyAttempts);
        (await limiter.AttemptAsync("10.0.0.9", () => Task.FromResult("joined"))).Should().Be("joined", "a right code still gets in");
        (await FluentActions.Awaiting(() => limiter.AttemptAsync("10.0.0.10", Wrong)).Should().ThrowAsync<DomainException>())
            .Which.Error.Should().Be(DomainError.UnknownJoinCode, "another address has its own count");

        // Three a minute: one comes back every 20 s of the server's clock.
        _clock.Advance(TimeSpan.FromSeconds(21));
        (await FluentActions.Awaiting(() => limiter.AttemptAsync("10.0.0.9", Wrong)).Should().ThrowAsync<DomainException>())
            .Which.Error.Should().Be(DomainError.UnknownJoinCode);
    }
}
