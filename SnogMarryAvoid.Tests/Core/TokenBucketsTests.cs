using Microsoft.Extensions.Time.Testing;
using SnogMarryAvoid.Core.Limits;

namespace SnogMarryAvoid.Tests.Core;

/// <summary>The per-key limits (hub calls, votes, wrong join codes) refill by the clock when asked, never by a timer.</summary>
public class TokenBucketsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void ABurst_ThenEmpty_ThenOneTokenBackPerInterval()
    {
        var buckets = new TokenBuckets<string>(burst: 3, perSecond: 0.05, _clock);

        Enumerable.Range(0, 3).Select(_ => buckets.TryTake("a")).ToList().Should().AllSatisfy(took => took.Should().BeTrue());
        buckets.TryTake("a").Should().BeFalse("the burst is used up");
        buckets.TryTake("b").Should().BeTrue("each key has its own bucket");

        _clock.Advance(TimeSpan.FromSeconds(19));
        buckets.TryTake("a").Should().BeFalse("a token takes 20 s to come back");
        _clock.Advance(TimeSpan.FromSeconds(2));
        buckets.TryTake("a").Should().BeTrue();
        buckets.TryTake("a").Should().BeFalse();
    }

    [Fact]
    public void HasToken_Looks_WithoutTaking()
    {
        var buckets = new TokenBuckets<string>(burst: 2, perSecond: 1, _clock);

        buckets.HasToken("never seen").Should().BeTrue("a key never seen has a full bucket");
        buckets.TryTake("a").Should().BeTrue();
        buckets.HasToken("a").Should().BeTrue();
        buckets.HasToken("a").Should().BeTrue("looking takes nothing");
        buckets.TryTake("a").Should().BeTrue();
        buckets.HasToken("a").Should().BeFalse();

        _clock.Advance(TimeSpan.FromSeconds(1));
        buckets.HasToken("a").Should().BeTrue("refilled by the clock, with nothing run in between");
    }
}
