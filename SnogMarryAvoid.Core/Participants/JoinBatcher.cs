using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Sessions;

namespace SnogMarryAvoid.Core.Participants;

/// <summary>
/// The single writer of joins (<see cref="BatchWriter{TPending}"/>): a room scanning the QR code at once is a
/// burst of joins, and each used to be a query for its code and a transaction of its own, with a count of the
/// session's participants and a room's view built for it alone. A batch is one transaction: one query for the
/// sessions of its codes (a wrong or ended code is refused on its own, as <see cref="SessionService.SessionOfCode"/>
/// says); per session, one query for the keys already there, the new participants, one room's view for all of them
/// (with the count after the batch); one commit; then one <see cref="ParticipantJoined"/> per session, not one per phone.
/// </summary>
public sealed class JoinBatcher(DbWork db, ISessionEvents events, ParticipantSessions known, TimeProvider clock, ILogger<JoinBatcher> logger)
    : BatchWriter<JoinBatcher.Pending>(logger)
{
    /// <summary>A join as its caller learns it: the session, who the participant is, whether new, the room's view and their camp.</summary>
    public sealed record Joined(Guid SessionId, Guid ParticipantId, bool IsNew, RoomView Snapshot, int? Camp);

    /// <summary>A join waiting for its batch: a code as codes are written, and the browser's key.</summary>
    public sealed record Pending(string Code, string BrowserKey, TaskCompletionSource<Joined> Done) : IPending
    {
        public void Fail(Exception reason) => Done.TrySetException(reason);
    }

    protected override string What => "joins";

    /// <summary>Queues a join of the session with a code (shaped: <see cref="SessionService.ShapeCode"/>) by a browser's key; the task completes once it is committed, or with the refusal.</summary>
    public Task<Joined> SubmitAsync(string code, string browserKey)
    {
        var pending = new Pending(code, browserKey, new TaskCompletionSource<Joined>(TaskCreationOptions.RunContinuationsAsynchronously));
        Enqueue(pending);
        return pending.Done.Task;
    }

    protected override async Task StoreAsync(IReadOnlyList<Pending> batch)
    {
        var (answers, counts) = await db.WriteAsync(ctx => ApplyAsync(ctx, batch));
        for (var i = 0; i < batch.Count; i++)
        {
            if (answers[i].Joined is { } joined)
            {
                known.Remember(joined.ParticipantId, joined.SessionId);
                batch[i].Done.TrySetResult(joined);
            }
            else
            {
                batch[i].Done.TrySetException(answers[i].Refusal!);
            }
        }

        foreach (var (sessionId, count) in counts)
        {
            await events.PublishAsync(new ParticipantJoined(sessionId, count));
        }
    }

    /// <summary>The batch in one context; returns each join's answer or refusal and, per session with newcomers, its count of participants.</summary>
    private async Task<((Joined? Joined, Exception? Refusal)[] Answers, List<(Guid SessionId, int Count)> Counts)> ApplyAsync(SnogDbContext ctx, IReadOnlyList<Pending> batch)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var answers = new (Joined?, Exception?)[batch.Count];
        var counts = new List<(Guid, int)>();
        var holders = await SessionService.SessionsWithCodeAsync(ctx, [.. batch.Select(p => p.Code).Distinct()]);
        var joining = new List<(Guid SessionId, string StoredKey, int Index)>();
        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                var sessionId = SessionService.SessionOfCode(batch[i].Code, holders);
                joining.Add((sessionId, ParticipantService.SessionKey(sessionId, batch[i].BrowserKey), i));
            }
            catch (DomainException refusal)
            {
                answers[i] = (null, refusal);
            }
        }

        foreach (var session in joining.GroupBy(j => j.SessionId))
        {
            var keys = session.Select(j => j.StoredKey).Distinct().ToList();
            var participants = await ctx.Participants.Where(p => p.SessionId == session.Key && keys.Contains(p.Key)).ToDictionaryAsync(p => p.Key);
            var fresh = new HashSet<string>();
            foreach (var key in keys)
            {
                if (participants.TryGetValue(key, out var participant))
                {
                    participant.LastSeenAt = now;
                }
                else
                {
                    participants[key] = new Participant { Id = Guid.NewGuid(), SessionId = session.Key, Key = key, JoinedAt = now, LastSeenAt = now };
                    ctx.Participants.Add(participants[key]);
                    fresh.Add(key);
                }
            }

            // Stored first, so the room's view counts them.
            var newcomers = fresh.Count;
            await ctx.SaveChangesAsync();
            var snapshot = await SessionViews.RoomAsync(ctx, session.Key);
            foreach (var (_, key, index) in session)
            {
                var participant = participants[key];

                // The same browser twice in one batch (two tabs) is new only the first time.
                answers[index] = (new Joined(session.Key, participant.Id, fresh.Remove(key), snapshot, participant.Camp), null);
            }

            if (newcomers > 0)
            {
                counts.Add((session.Key, snapshot.ParticipantCount));
            }
        }

        return (answers, counts);
    }
}
