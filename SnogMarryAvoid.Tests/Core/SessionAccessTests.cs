using Microsoft.Extensions.DependencyInjection;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;
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

    private static readonly Actor CoFacilitator = new("facilitator-c", IsOrganiser: false);

    /// <summary>Accounts for the sharing tests: sharing finds people by e-mail.</summary>
    private async Task AccountsAsync()
    {
        await Core.Db.WriteAsync(async ctx =>
        {
            foreach (var (id, email) in new[] { ("facilitator-a", "a@example.org"), ("facilitator-b", "b@example.org"), ("facilitator-c", "c@example.org") })
            {
                ctx.Users.Add(new Microsoft.AspNetCore.Identity.IdentityUser { Id = id, UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant() });
            }

            await ctx.SaveChangesAsync();
            return true;
        });
    }

    [Theory]
    [MemberData(nameof(ActionNames))]
    public async Task ACoFacilitator_MayRunTheSession_ButNotDeleteIt_AndOnceRemovedMayDoNothing(string action)
    {
        await AccountsAsync();
        var (session, scenarios) = await Core.LiveSessionAsync(3);
        await Core.Sessions.ShareAsync(session.Id, TestCore.Owner, "C@example.org");
        var act = () => Actions[action](Core, session.Id, scenarios[2].Id, CoFacilitator);

        if (action == "delete")
        {
            (await act.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("Only the session's owner or an organiser can do that.");
        }
        else
        {
            await act.Should().NotThrowAsync();
        }

        var (other, others) = await Core.LiveSessionAsync(3);
        await Core.Sessions.ShareAsync(other.Id, TestCore.Owner, "c@example.org");
        await Core.Sessions.UnshareAsync(other.Id, TestCore.Owner, CoFacilitator.UserId);
        var before = await Core.Sessions.GetRoomViewAsync(other.Id, TestCore.Owner);
        var removed = () => Actions[action](Core, other.Id, others[2].Id, CoFacilitator);
        (await removed.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.Forbidden);
        (await Core.Sessions.GetRoomViewAsync(other.Id, TestCore.Owner)).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task Sharing_ListsTheSessionForTheCoFacilitator_ShowsThemInTheView_AndOnlyTheOwnerOrAnOrganiserMayShare()
    {
        await AccountsAsync();
        var (session, _) = await Core.LiveSessionAsync(1, "Shared");

        (await Core.Sessions.ShareAsync(session.Id, TestCore.Owner, "c@example.org")).SessionId.Should().Be(session.Id);
        await Core.Sessions.ShareAsync(session.Id, TestCore.Owner, "c@example.org");

        var view = await Core.Sessions.GetAsync(session.Id, CoFacilitator);
        view.CoFacilitators.Should().Equal(new CoFacilitator("facilitator-c", "c@example.org"));
        view.MayBeRunBy(CoFacilitator).Should().BeTrue();
        view.MayBeSharedBy(CoFacilitator).Should().BeFalse();
        (await Core.Sessions.ListAsync(CoFacilitator)).Select(s => s.Title).Should().Equal("Shared");
        (await Core.Sessions.ListAsync(TestCore.OtherFacilitator)).Should().BeEmpty();

        var byCo = () => Core.Sessions.ShareAsync(session.Id, CoFacilitator, "b@example.org");
        (await byCo.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("Only the session's owner or an organiser can do that.");
        var unknown = () => Core.Sessions.ShareAsync(session.Id, TestCore.Owner, "nobody@example.org");
        (await unknown.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("No account has the e-mail nobody@example.org. An organiser can add one under Accounts.");
        var self = () => Core.Sessions.ShareAsync(session.Id, TestCore.Owner, "a@example.org");
        (await self.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("a@example.org owns this session already.");
        await Core.Sessions.ShareAsync(session.Id, TestCore.Organiser, "b@example.org");
        (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).CoFacilitators.Select(c => c.Email).Should().Equal("b@example.org", "c@example.org");

        // An ended session can still be shared, so that a colleague can read its report.
        await Core.Sessions.EndAsync(session.Id, TestCore.Owner);
        await Core.Sessions.UnshareAsync(session.Id, TestCore.Owner, CoFacilitator.UserId);
        var gone = () => Core.Sessions.GetAsync(session.Id, CoFacilitator);
        (await gone.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.Forbidden);
        (await Core.Sessions.ListAsync(CoFacilitator)).Should().BeEmpty();
        await Core.Sessions.ShareAsync(session.Id, TestCore.Owner, "c@example.org");
        (await Core.Services.GetRequiredService<SnogMarryAvoid.Core.Reports.ReportService>().GetAsync(session.Id, CoFacilitator)).Session.Id.Should().Be(session.Id);
    }
}
