using Microsoft.Extensions.DependencyInjection;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Core;

/// <summary>Ended means ended: after End, every facilitator action is refused with one code, and nothing changes.</summary>
public class EndedSessionTests : CoreTest
{
    private static readonly Dictionary<string, Func<TestCore, Guid, Guid, Guid, Task>> Actions = new()
    {
        ["open"] = (c, s, x, _) => c.Scenarios.OpenAsync(s, x, TestCore.Owner),
        ["close"] = (c, s, x, _) => c.Scenarios.CloseAsync(s, x, TestCore.Owner),
        ["reveal"] = (c, s, x, _) => c.Scenarios.RevealAsync(s, x, TestCore.Owner),
        ["next"] = (c, s, _, _) => c.Scenarios.StepForwardAsync(s, TestCore.Owner),
        ["back"] = (c, s, _, _) => c.Scenarios.StepBackAsync(s, TestCore.Owner),
        ["show on the projector"] = (c, s, x, _) => c.Scenarios.GoToAsync(s, x, TestCore.Owner),
        ["reset"] = (c, s, x, _) => c.Scenarios.ResetAsync(s, x, TestCore.Owner),
        ["start"] = (c, s, _, _) => c.Sessions.StartAsync(s, TestCore.Owner),
        ["end"] = (c, s, _, _) => c.Sessions.EndAsync(s, TestCore.Owner),
        ["blank"] = (c, s, _, _) => c.Sessions.SetBlankedAsync(s, TestCore.Owner, true),
        ["results live"] = (c, s, _, _) => c.Sessions.SetResultsLiveAsync(s, TestCore.Owner, true),
        ["showing opens voting"] = (c, s, _, _) => c.Sessions.SetShowOpensVotingAsync(s, TestCore.Owner, true),
        ["presenter notes"] = (c, s, x, _) => c.Decks.SetNotesAsync(s, x, TestCore.Owner, "Too late."),
        ["add scenario"] = (c, s, _, _) => c.Decks.AddAsync(s, TestCore.Owner, "Body", "Counterpart", null),
        ["add built-in deck"] = (c, s, _, _) => c.Decks.AddBuiltInAsync(s, TestCore.Owner),
        ["edit scenario"] = (c, s, x, _) => c.Decks.EditAsync(s, x, TestCore.Owner, "Body", "Counterpart", null),
        ["remove scenario"] = (c, s, x, _) => c.Decks.RemoveAsync(s, x, TestCore.Owner),
        ["move scenario"] = (c, s, x, _) => c.Decks.MoveAsync(s, x, 1, TestCore.Owner),
        ["spotlight"] = (c, s, _, v) => c.Services.GetRequiredService<ModerationService>().SetSpotlightAsync(s, v, TestCore.Owner, true),
    };

    public static TheoryData<string> ActionNames => [.. Actions.Keys];

    /// <summary>A session that ran a scenario to its reveal, with a vote and a reason, then a second one left closed, and ended.</summary>
    private async Task<(Guid Session, Guid Scenario, Guid Vote)> EndedSessionAsync()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(3);
        var person = (await Core.JoinAsync(session.JoinCode, 1))[0];
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Marry);
        await Core.Voting.SetReasonAsync(person, scenarios[0].Id, "They reach people we never do.");
        await Core.Scenarios.OpenAsync(session.Id, scenarios[1].Id, TestCore.Owner);
        await Core.Scenarios.CloseAsync(session.Id, scenarios[1].Id, TestCore.Owner);
        await Core.Scenarios.GoToAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        var vote = (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).Reasons.Single().VoteId;
        await Core.Sessions.EndAsync(session.Id, TestCore.Owner);
        return (session.Id, scenarios[1].Id, vote);
    }

    [Theory]
    [MemberData(nameof(ActionNames))]
    public async Task AfterEnd_EveryFacilitatorAction_IsRefusedWithSessionEnded_AndNothingChanges(string action)
    {
        var (session, closed, vote) = await EndedSessionAsync();
        var before = await Core.Sessions.GetAsync(session, TestCore.Owner);
        using var events = new EventRecorder(Core.Events, session);

        var act = () => Actions[action](Core, session, closed, vote);

        var refusal = (await act.Should().ThrowAsync<DomainException>()).Which;
        refusal.Error.Should().Be(DomainError.SessionEnded);
        refusal.Message.Should().Be("The session has ended.");
        var after = await Core.Sessions.GetAsync(session, TestCore.Owner);
        after.Should().BeEquivalentTo(before);
        after.Room.Revision.Should().Be(before.Room.Revision);
        events.OfType<SnogMarryAvoid.Core.Live.SessionChanged>().Should().BeEmpty();
    }

    [Fact]
    public async Task AfterEnd_TheReportCanStillBeTidied_RenameAndHideAReason()
    {
        var (session, _, vote) = await EndedSessionAsync();

        await Core.Sessions.RenameAsync(session, TestCore.Owner, "Leeds, 3 December (morning)");
        await Core.Services.GetRequiredService<ModerationService>().SetHiddenAsync(session, vote, TestCore.Owner, true);

        var report = await Core.Services.GetRequiredService<SnogMarryAvoid.Core.Reports.ReportService>().GetAsync(session, TestCore.Organiser);
        report.Session.Title.Should().Be("Leeds, 3 December (morning)");
        report.Scenarios[0].Reasons[Choice.Marry].Should().BeEmpty("a hidden reason is left out of the report");
        report.Session.Phase.Should().Be(SessionPhase.Ended);
    }

    [Fact]
    public async Task AfterEnd_AnotherFacilitator_IsStillForbidden_NotToldItEnded()
    {
        var (session, closed, _) = await EndedSessionAsync();

        var act = () => Core.Scenarios.RevealAsync(session, closed, TestCore.OtherFacilitator);

        (await act.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.Forbidden);
    }
}
