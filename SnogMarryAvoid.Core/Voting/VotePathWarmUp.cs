using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SnogMarryAvoid.Core.Participants;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;

namespace SnogMarryAvoid.Core.Voting;

/// <summary>
/// Rehearses the vote path once the database is migrated (<see cref="RehearseAsync"/>), in the
/// background, so the room's first votes are as quick as the rest. A failure only costs that speed: it
/// is logged and the app carries on.
/// </summary>
public sealed class VotePathWarmUp(VoteBatcher batcher, DbWork db, TimeProvider clock, ILogger<VotePathWarmUp> logger) : BackgroundService
{
    /// <summary>Whether the rehearsal ran to the end.</summary>
    public bool Rehearsed { get; private set; }

    /// <summary>
    /// Rehearses the whole write path of a vote, so that the first real votes after a start do not pay
    /// for compiling its queries (measured: the first batch took 400–500 ms, the next ones a few).
    /// In one transaction that is rolled back, it makes a throw-away live session with an open
    /// scenario and a participant, stores a vote and changes it by the same code as a real batch
    /// (<see cref="VoteBatcher.ApplyAsync"/>), and recounts the tally. Nothing is kept, no event is
    /// published and no metric counts it. Returns the rehearsal's own tally and last sequence (one
    /// marry, sequence 2), so a caller can tell it ran.
    /// </summary>
    public Task<(ScenarioResults Results, long LastSequence)> RehearseAsync(CancellationToken ct = default) => db.RehearseAsync(async ctx =>
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var session = new Session { Id = Guid.NewGuid(), Title = "Rehearsal", JoinCode = JoinCode.Generate(JoinCode.MaxLength), Phase = SessionPhase.Live, CreatedAt = now, StartedAt = now };
        var scenario = new Scenario { Id = Guid.NewGuid(), SessionId = session.Id, PublicBody = "Rehearsal", Counterpart = "Rehearsal", State = ScenarioState.Open, OpenedAt = now };
        var participant = new Participant { Id = Guid.NewGuid(), SessionId = session.Id, Key = ParticipantService.NewKey(), JoinedAt = now, LastSeenAt = now };
        ctx.AddRange(session, scenario, participant);
        await ctx.SaveChangesAsync(ct);
        foreach (var choice in (Choice[])[Choice.Snog, Choice.Marry])
        {
            var (_, refusal) = (await batcher.ApplyAsync(ctx, [new VoteBatcher.Pending(participant.Id, scenario.Id, choice, new())])).Outcomes[0];
            if (refusal is not null)
            {
                throw new InvalidOperationException("The rehearsal vote was refused.", refusal);
            }

            await ctx.SaveChangesAsync(ct);
        }

        var (results, sequence, _) = await Tallies.CountWithSequenceAsync(ctx, session.Id, scenario.Id, ct);
        return (results, sequence);
    }, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await RehearseAsync(stoppingToken);
            Rehearsed = true;
            logger.LogInformation("Vote path rehearsed in {Milliseconds:0} ms", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Rehearsing the vote path failed; the first votes after this start may be slower");
        }
    }
}
