using Microsoft.Extensions.Time.Testing;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Core;

public class VoteRateTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private TestCore _core = default!;

    public async ValueTask InitializeAsync() => _core = await TestCore.CreateSqliteAsync(_clock);

    public ValueTask DisposeAsync() => _core.DisposeAsync();

    [Fact]
    public async Task AParticipantFloodingVotes_IsSlowedDown_WithAClearMessage_AndNothingChanges()
    {
        var (session, scenarios) = await _core.LiveSessionAsync(1);
        var (person, other) = ((await _core.JoinAsync(session.JoinCode, 2))[0], (await _core.JoinAsync(session.JoinCode, 1))[0]);
        await _core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        for (var i = 0; i < 10; i++)
        {
            await _core.Voting.CastVoteAsync(person, scenarios[0].Id, i % 2 == 0 ? Choice.Snog : Choice.Avoid);
        }

        var eleventh = () => _core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Marry);

        var refusal = (await eleventh.Should().ThrowAsync<DomainException>()).Which;
        (refusal.Error, refusal.Message).Should().Be((DomainError.TooManyRequests, "You're voting very fast. Wait a moment, then try again."));
        (await _core.Voting.VoteOnAsync(person, scenarios[0].Id))!.Choice.Should().Be(Choice.Avoid, "the refused vote changed nothing");
        (await _core.Voting.CastVoteAsync(other, scenarios[0].Id, Choice.Marry)).Choice.Should().Be(Choice.Marry, "the limit is per participant");

        _clock.Advance(TimeSpan.FromSeconds(1));
        (await _core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Marry)).Choice.Should().Be(Choice.Marry, "a moment later the participant may vote again");
    }

    [Fact]
    public async Task Reasons_CountTowardsTheSameLimit()
    {
        var (session, scenarios) = await _core.LiveSessionAsync(1);
        var person = (await _core.JoinAsync(session.JoinCode, 1))[0];
        await _core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await _core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Snog);
        for (var i = 0; i < 9; i++)
        {
            await _core.Voting.SetReasonAsync(person, scenarios[0].Id, $"Reason {i}");
        }

        var flood = () => _core.Voting.SetReasonAsync(person, scenarios[0].Id, "One too many");

        (await flood.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.TooManyRequests);
        (await _core.Voting.VoteOnAsync(person, scenarios[0].Id))!.Reason.Should().Be("Reason 8");
    }
}
