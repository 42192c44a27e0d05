using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Participants;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Core;

public class ParticipantServiceTests : CoreTest
{
    [Fact]
    public async Task Join_WithTheSameKeyAgain_IsTheSameParticipant()
    {
        var (session, _) = await Core.LiveSessionAsync();
        var key = ParticipantService.NewKey();
        using var recorder = new EventRecorder(Core.Events, session.Id);

        var first = await Core.Participants.JoinAsync(session.JoinCode, key);
        var again = await Core.Participants.JoinAsync(session.JoinCode.ToLowerInvariant(), key);

        first.IsNew.Should().BeTrue();
        again.IsNew.Should().BeFalse();
        again.ParticipantId.Should().Be(first.ParticipantId);
        again.Snapshot.ParticipantCount.Should().Be(1);
        recorder.OfType<ParticipantJoined>().Should().ContainSingle().Which.ParticipantCount.Should().Be(1);
    }

    /// <summary>
    /// A room scanning the QR code at once (issue 20's join ramp): the joins share transactions, the facilitators
    /// hear the head count once a batch rather than once a phone, and each join is still answered on its own: the
    /// same browser twice is one participant, and a wrong code in the burst is refused alone.
    /// </summary>
    [Fact]
    public async Task ABurstOfJoins_SharesTransactions_EachStillAnsweredOnItsOwn()
    {
        var (session, _) = await Core.LiveSessionAsync();
        using var recorder = new EventRecorder(Core.Events, session.Id);
        var twice = ParticipantService.NewKey();

        var joins = Enumerable.Range(0, 300).Select(_ => Core.Participants.JoinAsync(session.JoinCode, ParticipantService.NewKey()))
            .Append(Core.Participants.JoinAsync(session.JoinCode, twice))
            .Append(Core.Participants.JoinAsync(session.JoinCode, twice)).ToList();
        var wrong = () => Core.Participants.JoinAsync("KXKXK", ParticipantService.NewKey());
        await wrong.Should().ThrowAsync<DomainException>().Where(e => e.Error == DomainError.UnknownJoinCode);
        var joined = await Task.WhenAll(joins);

        joined.Select(j => j.ParticipantId).Distinct().Should().HaveCount(301);
        joined.TakeLast(2).Select(j => j.ParticipantId).Distinct().Should().ContainSingle("the same browser twice is one participant");
        joined.TakeLast(2).Count(j => j.IsNew).Should().Be(1);
        (await Core.CountParticipantsAsync(session.Id)).Should().Be(301);
        var counts = await recorder.WaitForAsync<ParticipantJoined>(e => e.ParticipantCount == 301);
        recorder.OfType<ParticipantJoined>().Count.Should().BeLessThan(301 / 10, "one count a batch, not one a phone");
        counts.ParticipantCount.Should().Be(301);
    }

    [Fact]
    public async Task Join_IsAllowedBeforeTheSessionStarts()
    {
        var session = await Core.Sessions.CreateAsync("Room", TestCore.Owner);

        var joined = await Core.Participants.JoinAsync(session.JoinCode, ParticipantService.NewKey());

        joined.SessionId.Should().Be(session.Id);
    }

    [Fact]
    public async Task Join_WithAnUnknownCode_IsRejectedAndStoresNothing()
    {
        var (session, _) = await Core.LiveSessionAsync();

        var act = () => Core.Participants.JoinAsync("KX7PM", ParticipantService.NewKey());

        (await act.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.UnknownJoinCode);
        (await Core.Sessions.GetRoomViewAsync(session.Id, TestCore.Owner)).ParticipantCount.Should().Be(0);
    }

    [Fact]
    public async Task Join_AnEndedSession_IsRejected()
    {
        var (session, _) = await Core.LiveSessionAsync();
        await Core.Sessions.EndAsync(session.Id, TestCore.Owner);

        var act = () => Core.Participants.JoinAsync(session.JoinCode, ParticipantService.NewKey());

        (await act.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.SessionEnded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("has spaces in it, definitely not a key")]
    [InlineData("<script>alert(1)</script>xxxxxxxx")]
    public async Task Join_WithAMalformedKey_IsRejected(string key)
    {
        var (session, _) = await Core.LiveSessionAsync();

        var act = () => Core.Participants.JoinAsync(session.JoinCode, key);

        (await act.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.InvalidInput);
    }

    [Fact]
    public void NewKey_IsRandomAndWellFormed()
    {
        var keys = Enumerable.Range(0, 100).Select(_ => ParticipantService.NewKey()).ToList();

        keys.Should().OnlyHaveUniqueItems();
        keys.Should().OnlyContain(k => ParticipantService.IsWellFormedKey(k));
    }

    [Fact]
    public async Task OneBrowserInTwoSessions_CannotBeLinkedFromTheDatabase()
    {
        var (first, _) = await Core.LiveSessionAsync();
        var (second, _) = await Core.LiveSessionAsync();
        var key = ParticipantService.NewKey();

        await Core.Participants.JoinAsync(first.JoinCode, key);
        await Core.Participants.JoinAsync(second.JoinCode, key);

        await using var ctx = await Core.Db.ReadAsync();
        var stored = ctx.Participants.Select(p => p.Key).ToList();
        stored.Should().HaveCount(2).And.OnlyHaveUniqueItems();
        stored.Should().NotContain(key);
    }
}
