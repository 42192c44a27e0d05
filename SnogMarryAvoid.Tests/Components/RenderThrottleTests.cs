using Microsoft.Extensions.Time.Testing;
using SnogMarryAvoid.Web.Components.Shared;

namespace SnogMarryAvoid.Tests.Components;

public class RenderThrottleTests
{
    private static readonly TimeSpan Interval = SessionFollower.RedrawInterval;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    private int _draws;

    private RenderThrottle Throttle() => new(() => { _draws++; return Task.CompletedTask; }, Interval, _clock);

    [Fact]
    public void TheFirstRequestInAQuietPeriod_DrawsAtOnce()
    {
        using var throttle = Throttle();

        throttle.Request();

        _draws.Should().Be(1);
    }

    [Fact]
    public void ABurstWithinTheInterval_IsFoldedIntoOneTrailingDraw_AtTheEndOfTheInterval()
    {
        using var throttle = Throttle();
        throttle.Request();

        _clock.Advance(Interval / 5);
        throttle.Request();
        throttle.Request();
        throttle.Request();
        _draws.Should().Be(1);

        _clock.Advance(Interval - (Interval / 5) - TimeSpan.FromMilliseconds(1));
        _draws.Should().Be(1);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        _draws.Should().Be(2);

        _clock.Advance(Interval * 3);
        _draws.Should().Be(2);
    }

    [Fact]
    public void AContinuousStream_DrawsOncePerInterval()
    {
        using var throttle = Throttle();
        var step = TimeSpan.FromMilliseconds(5);

        for (var elapsed = TimeSpan.Zero; elapsed < Interval * 10; elapsed += step)
        {
            throttle.Request();
            _clock.Advance(step);
        }

        _draws.Should().BeInRange(10, 11);
    }

    [Fact]
    public void WithADrawHere_TheDrawAtOnceIsMadeOnTheCallersThread_AndTheTrailingOneThroughRender()
    {
        var here = 0;
        var thread = 0;
        using var throttle = new RenderThrottle(() => { _draws++; return Task.CompletedTask; }, Interval, _clock,
            drawHere: () => { here++; thread = Environment.CurrentManagedThreadId; });

        throttle.Request();
        throttle.Request();
        (here, _draws).Should().Be((1, 0));
        thread.Should().Be(Environment.CurrentManagedThreadId);

        _clock.Advance(Interval);
        (here, _draws).Should().Be((1, 1), "the trailing draw comes from a timer, so it goes through render");
        _clock.Advance(Interval * 2);
        throttle.Request();
        (here, _draws).Should().Be((2, 1));
    }

    [Fact]
    public void AfterDispose_APendingDrawNeverHappens()
    {
        var throttle = Throttle();
        throttle.Request();
        throttle.Request();

        throttle.Dispose();
        _clock.Advance(Interval * 2);
        throttle.Request();

        _draws.Should().Be(1);
    }
}
