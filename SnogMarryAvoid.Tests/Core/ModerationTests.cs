using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Participants;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Core;

public class ModerationTests : CoreTest
{
    private ModerationService Moderation => (ModerationService)Core.Services.GetService(typeof(ModerationService))!;

    private async Task<(Guid Session, Guid Scenario, IReadOnlyList<Guid> People)> VotedWithReasonsAsync()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(1);
        var people = await Core.JoinAsync(session.JoinCode, 2);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Core.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Snog);
        await Core.Voting.CastVoteAsync(people[1], scenarios[0].Id, Choice.Avoid);
        await Core.Voting.SetReasonAsync(people[0], scenarios[0].Id, "A fling costs nothing.");
        await Core.Voting.SetReasonAsync(people[1], scenarios[0].Id, "<b>Never</b> trust them");
        return (session.Id, scenarios[0].Id, people);
    }

    [Fact]
    public async Task Reasons_ArriveAsEvents_AndListNewestFirst()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(1);
        var person = (await Core.JoinAsync(session.JoinCode, 1))[0];
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Marry);
        using var recorder = new EventRecorder(Core.Events, session.Id);

        await Core.Voting.SetReasonAsync(person, scenarios[0].Id, "Long-term trust.");

        recorder.OfType<ReasonsChanged>().Should().ContainSingle().Which.ScenarioId.Should().Be(scenarios[0].Id);
        (await Moderation.ListAsync(session.Id, scenarios[0].Id, TestCore.Owner)).Single().Text.Should().Be("Long-term trust.");
    }

    [Fact]
    public async Task Spotlight_PutsTheReasonInTheSnapshot_AndHidingTakesItOff()
    {
        var (session, scenario, _) = await VotedWithReasonsAsync();
        var reasons = await Moderation.ListAsync(session, scenario, TestCore.Owner);
        var hostile = reasons.Single(r => r.Choice == Choice.Avoid);

        var spotlit = await Moderation.SetSpotlightAsync(session, hostile.VoteId, TestCore.Owner, true);
        spotlit.Spotlights.Should().Equal("<b>Never</b> trust them");

        var hidden = await Moderation.SetHiddenAsync(session, hostile.VoteId, TestCore.Owner, true);
        hidden.Spotlights.Should().BeEmpty();
        (await Moderation.ListAsync(session, scenario, TestCore.Owner)).Single(r => r.VoteId == hostile.VoteId).Hidden.Should().BeTrue();

        var act = () => Moderation.SetSpotlightAsync(session, hostile.VoteId, TestCore.Owner, true);
        (await act.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("Show this reason again before putting it on the projector.");
    }

    [Fact]
    public async Task EditingASpotlightedReason_TakesItOffTheProjector()
    {
        var (session, scenario, people) = await VotedWithReasonsAsync();
        var first = (await Moderation.ListAsync(session, scenario, TestCore.Owner)).Single(r => r.Choice == Choice.Snog);
        var spotlit = await Moderation.SetSpotlightAsync(session, first.VoteId, TestCore.Owner, true);
        using var recorder = new EventRecorder(Core.Events, session);

        await Core.Voting.SetReasonAsync(people[0], scenario, "Something rude instead");

        var after = await Core.Sessions.GetRoomViewAsync(session, TestCore.Owner);
        after.Spotlights.Should().BeEmpty();
        after.IsNewerThan(spotlit).Should().BeTrue();
        recorder.OfType<SessionChanged>().Should().ContainSingle().Which.Room.Spotlights.Should().BeEmpty();
    }

    [Fact]
    public async Task AnotherFacilitator_CannotListOrModerate()
    {
        var (session, scenario, _) = await VotedWithReasonsAsync();
        var vote = (await Moderation.ListAsync(session, scenario, TestCore.Owner))[0].VoteId;

        var list = () => Moderation.ListAsync(session, scenario, TestCore.OtherFacilitator);
        var hide = () => Moderation.SetHiddenAsync(session, vote, TestCore.OtherFacilitator, true);

        (await list.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.Forbidden);
        (await hide.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.Forbidden);
    }

    [Fact]
    public void Presence_CountsOpenLeases()
    {
        var events = new RecordingEvents();
        var presence = new PresenceTracker(events);
        var session = Guid.NewGuid();

        var a = presence.Connect(session);
        var b = presence.Connect(session);
        a.Dispose();
        a.Dispose();

        presence.Connected(session).Should().Be(1);
        events.Published.OfType<PresenceChanged>().Select(e => e.Connected).Should().Equal(1, 2, 1);
        b.Dispose();
        presence.Connected(session).Should().Be(0);
    }

    private sealed class RecordingEvents : ISessionEvents
    {
        public List<SessionEvent> Published { get; } = [];

        public Task PublishAsync(SessionEvent sessionEvent)
        {
            Published.Add(sessionEvent);
            return Task.CompletedTask;
        }

        public IDisposable Subscribe(Guid sessionId, Func<SessionEvent, Task> handler) => throw new NotSupportedException();

        public IDisposable SubscribeAll(Func<SessionEvent, Task> handler) => throw new NotSupportedException();
    }
}
