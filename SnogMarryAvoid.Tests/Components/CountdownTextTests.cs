using SnogMarryAvoid.Web.Components.Shared;

namespace SnogMarryAvoid.Tests.Components;

public class CountdownTextTests
{
    [Theory]
    [InlineData(289_000, "4:49")]
    [InlineData(60_000, "1:00")]
    [InlineData(45_000, "0:45")]
    [InlineData(44_001, "0:45")]
    [InlineData(500, "0:01")]
    [InlineData(0, "0:00")]
    [InlineData(-2_000, "0:00")]
    public void Of_IsMinutesAndSeconds_RoundedUp(long milliseconds, string expected) =>
        CountdownText.Of(milliseconds).Should().Be(expected);
}
