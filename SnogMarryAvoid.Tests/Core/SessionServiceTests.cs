using Microsoft.EntityFrameworkCore;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Core;

public class SessionServiceTests : CoreTest
{
    [Fact]
    public async Task Create_GivesADraftWithAFreshCode()
    {
        var session = await Core.Sessions.CreateAsync("  Leeds, March  ", TestCore.Owner);

        session.Title.Should().Be("Leeds, March");
        session.Phase.Should().Be(SessionPhase.Draft);
        session.OwnerId.Should().Be(TestCore.Owner.UserId);
        JoinCode.Normalize(session.JoinCode).Should().Be(session.JoinCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task Create_WithoutATitle_IsRejectedAndStoresNothing(string? title)
    {
        var act = () => Core.Sessions.CreateAsync(title, TestCore.Owner);

        (await act.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("Title is required.");
        (await Core.Sessions.ListAsync(TestCore.Owner)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("\u200B\u200B")]
    [InlineData("\uFEFF \u200D")]
    public async Task Create_WithATitleOfOnlyInvisibleCharacters_IsRejectedAndStoresNothing(string title)
    {
        var act = () => Core.Sessions.CreateAsync(title, TestCore.Owner);

        (await act.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("Title is required.");
        (await Core.Sessions.ListAsync(TestCore.Owner)).Should().BeEmpty();
    }

    [Fact]
    public async Task Create_WithAnAbsurdlyLongTitle_IsRejectedAndStoresNothing()
    {
        var act = () => Core.Sessions.CreateAsync(new string('t', 5000), TestCore.Owner);

        (await act.Should().ThrowAsync<DomainException>()).Which.Message.Should().Contain("the limit is 120");
        (await Core.Sessions.ListAsync(TestCore.Owner)).Should().BeEmpty();
    }

    [Fact]
    public async Task FindByCode_IsCaseAndSpaceInsensitive()
    {
        var session = await Core.Sessions.CreateAsync("Room", TestCore.Owner);
        var typed = $" {session.JoinCode[..2].ToLowerInvariant()}-{session.JoinCode[2..]} ";

        (await Core.Sessions.FindByCodeAsync(typed)).Should().Be(session.Id);
    }

    [Fact]
    public async Task FindByCode_WhenNoSessionHasIt_SaysUnknownCode()
    {
        var act = () => Core.Sessions.FindByCodeAsync("KX7PM");

        (await act.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.UnknownJoinCode);
    }

    [Fact]
    public async Task FindByCode_WhenMalformed_SaysItIsNotACode()
    {
        var act = () => Core.Sessions.FindByCodeAsync("hello world");

        var error = (await act.Should().ThrowAsync<DomainException>()).Which;
        error.Error.Should().Be(DomainError.UnknownJoinCode);
        error.Message.Should().Contain("doesn't look like a join code");
    }

    [Fact]
    public async Task FindByCode_WhenTheSessionEnded_SaysItEnded()
    {
        var (session, _) = await Core.LiveSessionAsync();
        await Core.Sessions.EndAsync(session.Id, TestCore.Owner);

        var act = () => Core.Sessions.FindByCodeAsync(session.JoinCode);

        (await act.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.SessionEnded);
    }

    [Fact]
    public async Task Start_MakesItLiveAndPublishesTheNewSnapshot()
    {
        var session = await Core.Sessions.CreateAsync("Room", TestCore.Owner);
        using var recorder = new EventRecorder(Core.Events, session.Id);

        var snapshot = await Core.Sessions.StartAsync(session.Id, TestCore.Owner);

        snapshot.Phase.Should().Be(SessionPhase.Live);
        (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).StartedAt.Should().NotBeNull();
        recorder.OfType<SessionChanged>().Should().ContainSingle().Which.Room.Should().Be(snapshot);
    }

    [Fact]
    public async Task Start_Twice_IsRejected()
    {
        var (session, _) = await Core.LiveSessionAsync();

        var act = () => Core.Sessions.StartAsync(session.Id, TestCore.Owner);

        (await act.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.InvalidTransition);
    }

    [Fact]
    public async Task End_ClosesTheOpenScenario()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);

        var snapshot = await Core.Sessions.EndAsync(session.Id, TestCore.Owner);

        snapshot.IsEnded.Should().BeTrue();
        snapshot.Current!.State.Should().Be(ScenarioState.Closed);
    }

    [Fact]
    public async Task JoinCode_IsUniqueOnlyAmongSessionsNotEnded()
    {
        var first = await Core.Sessions.CreateAsync("First", TestCore.Owner);

        // The database itself refuses a second running session with the same code...
        var clash = async () =>
        {
            await using var ctx = await Core.Db.ReadAsync();
            ctx.Sessions.Add(new Session { Id = Guid.NewGuid(), Title = "Clash", JoinCode = first.JoinCode, CreatedAt = DateTime.UtcNow });
            await ctx.SaveChangesAsync();
        };
        await clash.Should().ThrowAsync<DbUpdateException>();

        // ...but once the first has ended, its code is free again.
        await Core.Sessions.StartAsync(first.Id, TestCore.Owner);
        await Core.Sessions.EndAsync(first.Id, TestCore.Owner);
        await clash.Should().NotThrowAsync();
    }

    [Fact]
    public async Task Revision_GoesUpWithEveryChange()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        var before = await Core.Sessions.GetRoomViewAsync(session.Id, TestCore.Owner);

        var opened = await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        var closed = await Core.Scenarios.CloseAsync(session.Id, scenarios[0].Id, TestCore.Owner);

        opened.IsNewerThan(before).Should().BeTrue();
        closed.IsNewerThan(opened).Should().BeTrue();
        before.IsNewerThan(closed).Should().BeFalse();
    }
}
