using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Core;

/// <summary>Every action on a session, for its owner, another facilitator and an organiser.</summary>
public class SessionAccessTests : CoreTest
{
    private static readonly Dictionary<string, Func<TestCore, Guid, Guid, Actor, Task>> Actions = new()
    {
        ["get"] = (c, s, _, a) => c.Sessions.GetAsync(s, a),
        ["snapshot"] = (c, s, _, a) => c.Sessions.GetRoomViewAsync(s, a),
        ["rename"] = (c, s, _, a) => c.Sessions.RenameAsync(s, a, "New title"),
        ["results mode"] = (c, s, _, a) => c.Sessions.SetResultsLiveAsync(s, a, true),
        ["blank"] = (c, s, _, a) => c.Sessions.SetBlankedAsync(s, a, true),
        ["duplicate"] = (c, s, _, a) => c.Sessions.DuplicateAsync(s, a),
        ["add scenario"] = (c, s, _, a) => c.Decks.AddAsync(s, a, "Body", "Counterpart", null),
        ["add built-in deck"] = (c, s, _, a) => c.Decks.AddBuiltInAsync(s, a),
        ["edit scenario"] = (c, s, x, a) => c.Decks.EditAsync(s, x, a, "Body", "Counterpart", null),
        ["move scenario"] = (c, s, x, a) => c.Decks.MoveAsync(s, x, 2, a),
        ["open"] = (c, s, x, a) => c.Scenarios.OpenAsync(s, x, a),
        ["step forward"] = (c, s, _, a) => c.Scenarios.StepForwardAsync(s, a),
        ["go to"] = (c, s, x, a) => c.Scenarios.GoToAsync(s, x, a),
        ["reset"] = (c, s, x, a) => c.Scenarios.ResetAsync(s, x, a),
        ["end"] = (c, s, _, a) => c.Sessions.EndAsync(s, a),
        ["remove scenario"] = (c, s, x, a) => c.Decks.RemoveAsync(s, x, a),
        ["delete"] = (c, s, _, a) => c.Sessions.DeleteAsync(s, a),
    };

    public static TheoryData<string> ActionNames => [.. Actions.Keys];

    [Theory]
    [MemberData(nameof(ActionNames))]
    public async Task AnotherFacilitator_IsRefused_AndNothingChanges(string action)
    {
        var (session, scenarios) = await Core.LiveSessionAsync(3);
        var before = await Core.Sessions.GetRoomViewAsync(session.Id, TestCore.Owner);

        var act = () => Actions[action](Core, session.Id, scenarios[2].Id, TestCore.OtherFacilitator);

        var error = (await act.Should().ThrowAsync<DomainException>()).Which;
        error.Error.Should().Be(DomainError.Forbidden);
        error.Message.Should().Be("This session belongs to another facilitator.");
        (await Core.Sessions.GetRoomViewAsync(session.Id, TestCore.Owner)).Should().BeEquivalentTo(before);
    }

    [Theory]
    [MemberData(nameof(ActionNames))]
    public async Task TheOwner_MayDoIt(string action)
    {
        var (session, scenarios) = await Core.LiveSessionAsync(3);

        var act = () => Actions[action](Core, session.Id, scenarios[2].Id, TestCore.Owner);

        await act.Should().NotThrowAsync();
    }

    [Theory]
    [MemberData(nameof(ActionNames))]
    public async Task AnOrganiser_MayDoIt(string action)
    {
        var (session, scenarios) = await Core.LiveSessionAsync(3);

        var act = () => Actions[action](Core, session.Id, scenarios[2].Id, TestCore.Organiser);

        await act.Should().NotThrowAsync();
    }

    [Fact]
    public async Task List_ShowsAFacilitatorOnlyTheirOwn_AndAnOrganiserAll()
    {
        await Core.LiveSessionAsync(1, "Mine");
        await Core.Sessions.CreateAsync("Theirs", TestCore.OtherFacilitator);

        (await Core.Sessions.ListAsync(TestCore.Owner)).Select(s => s.Title).Should().Equal("Mine");
        (await Core.Sessions.ListAsync(TestCore.OtherFacilitator)).Select(s => s.Title).Should().Equal("Theirs");
        (await Core.Sessions.ListAsync(TestCore.Organiser)).Should().HaveCount(2);
    }

    [Fact]
    public async Task Duplicate_ByAnOrganiser_IsOwnedByTheOrganiser_WithAFreshPendingDeck()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(2);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);

        var copy = await Core.Sessions.DuplicateAsync(session.Id, TestCore.Organiser);

        copy.OwnerId.Should().Be(TestCore.Organiser.UserId);
        copy.Title.Should().Be("Test session (copy)");
        copy.JoinCode.Should().NotBe(session.JoinCode);
        copy.Scenarios.Select(s => s.Title).Should().Equal(scenarios.Select(s => s.Title));
        copy.Scenarios.Should().OnlyContain(s => s.State == ScenarioState.Pending);
    }
}
