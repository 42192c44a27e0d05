using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Sessions;

namespace SnogMarryAvoid.Core.Participants;

/// <summary>Who joined: a participant row per session and browser key.</summary>
public sealed record JoinResult(Guid SessionId, Guid ParticipantId, bool IsNew, RoomView Snapshot, int? Camp = null);

/// <summary>Joining a session anonymously.</summary>
public sealed class ParticipantService(DbWork db, SessionService sessions, ISessionEvents events, ParticipantSessions known, TimeProvider clock)
{
    /// <summary>A fresh random participant key: 128 bits, URL-safe.</summary>
    public static string NewKey() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// What is stored for a browser in one session: a hash of its key and the session. The same phone
    /// is the same participant within a session, but two sessions' rows cannot be linked to each other
    /// (nor to the browser's key) from the database.
    /// </summary>
    public static string SessionKey(Guid sessionId, string browserKey) =>
        Base64Url.EncodeToString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{sessionId:N}:{browserKey}")));

    /// <summary>Whether a key has the shape <see cref="NewKey"/> makes (so a forged cookie cannot store junk).</summary>
    public static bool IsWellFormedKey(string? key) =>
        key is { Length: >= 16 and <= Participant.KeyLength } && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>
    /// Joins the session a typed code leads to, or rejoins it: the same key in the same session is the
    /// same participant, so a reload or a new tab keeps its votes. Codes fail as
    /// <see cref="SessionService.FindByCodeAsync"/> says. Publishes <see cref="ParticipantJoined"/> for a
    /// newcomer only.
    /// </summary>
    public async Task<JoinResult> JoinAsync(string? typedCode, string participantKey, CancellationToken ct = default)
    {
        if (!IsWellFormedKey(participantKey))
        {
            throw new DomainException(DomainError.InvalidInput, "This browser's participant key is not valid.").Says("participantKey");
        }

        var sessionId = await sessions.FindByCodeAsync(typedCode, ct);
        var storedKey = SessionKey(sessionId, participantKey);
        var (participantId, isNew, snapshot, camp) = await db.WriteAsync(async ctx =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var participant = await ctx.Participants.FirstOrDefaultAsync(p => p.SessionId == sessionId && p.Key == storedKey, ct);
            var fresh = participant is null;
            if (participant is null)
            {
                participant = new Participant { Id = Guid.NewGuid(), SessionId = sessionId, Key = storedKey, JoinedAt = now, LastSeenAt = now };
                ctx.Participants.Add(participant);
            }
            else
            {
                participant.LastSeenAt = now;
            }

            await ctx.SaveChangesAsync(ct);
            return (participant.Id, fresh, await SessionViews.RoomAsync(ctx, sessionId, ct), participant.Camp);
        }, ct);

        known.Remember(participantId, sessionId);
        if (isNew)
        {
            await events.PublishAsync(new ParticipantJoined(sessionId, snapshot.ParticipantCount));
        }

        return new JoinResult(sessionId, participantId, isNew, snapshot, snapshot.Camps is null ? null : camp);
    }
}
