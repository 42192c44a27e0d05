using SnogMarryAvoid.Web.Hosting;

namespace SnogMarryAvoid.Tests.Reliability;

/// <summary>
/// When the server gives memory back: once a room has emptied (at least half of its most, and at least 50), after
/// it has finished leaving; once per departure; never while the room is still voting or for a handful leaving.
/// </summary>
public class MemoryGiveBackTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ARoomThatLeaves_IsGivenBackOnce_AfterItHasFinishedLeaving()
    {
        var room = new MemoryGiveBack.Room();

        room.Observe(0, Start).Should().BeNull();
        room.Observe(100, Start.AddSeconds(5)).Should().BeNull("a room arriving is not a departure");
        room.Observe(100, Start.AddSeconds(60)).Should().BeNull("a room voting keeps its memory");
        room.Observe(40, Start.AddSeconds(65)).Should().BeNull("the room is still leaving");
        room.Observe(0, Start.AddSeconds(70)).Should().BeNull("the last have just left");
        room.Observe(0, Start.AddSeconds(80)).Should().BeNull("not yet quiet for 15 s");

        room.Observe(0, Start.AddSeconds(85)).Should().Be(new MemoryGiveBack.Departure(100, 0));
        room.Observe(0, Start.AddSeconds(90)).Should().BeNull("given back once");
        room.Observe(0, Start.AddSeconds(600)).Should().BeNull();
    }

    [Fact]
    public void HalfTheRoomLeaving_IsEnough_ButAThirdOrAHandfulIsNot()
    {
        var third = new MemoryGiveBack.Room();
        third.Observe(9_000, Start);
        third.Observe(6_000, Start.AddSeconds(5));
        third.Observe(6_000, Start.AddSeconds(60)).Should().BeNull("two thirds of the room are still here");

        var handful = new MemoryGiveBack.Room();
        handful.Observe(60, Start);
        handful.Observe(20, Start.AddSeconds(5));
        handful.Observe(20, Start.AddSeconds(60)).Should().BeNull("40 phones are not worth a full collection");

        var half = new MemoryGiveBack.Room();
        half.Observe(9_000, Start);
        half.Observe(4_500, Start.AddSeconds(5));
        half.Observe(4_500, Start.AddSeconds(20)).Should().Be(new MemoryGiveBack.Departure(9_000, 4_500));
    }

    [Fact]
    public void AfterAGiveBack_TheNextRoomIsMeasuredFromWhatStayed()
    {
        var room = new MemoryGiveBack.Room();
        room.Observe(1_000, Start);
        room.Observe(0, Start.AddSeconds(5));
        room.Observe(0, Start.AddSeconds(20)).Should().NotBeNull();

        room.Observe(80, Start.AddSeconds(30));
        room.Observe(20, Start.AddSeconds(35));
        room.Observe(20, Start.AddSeconds(60)).Should().Be(new MemoryGiveBack.Departure(80, 20), "the second room's 60 of 80 left");
    }
}
