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
public sealed class ParticipantService(JoinBatcher joins)
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
    /// <see cref="SessionService.FindByCodeAsync"/> says. The join, its code's look-up included, is stored with the others that arrive
    /// meanwhile (<see cref="JoinBatcher"/>), which publishes <see cref="ParticipantJoined"/> once per batch with newcomers.
    /// </summary>
    public async Task<JoinResult> JoinAsync(string? typedCode, string participantKey, CancellationToken ct = default)
    {
        if (!IsWellFormedKey(participantKey))
        {
            throw new DomainException(DomainError.InvalidInput, "This browser's participant key is not valid.").Says("participantKey");
        }

        var (sessionId, participantId, isNew, snapshot, camp) = await joins.SubmitAsync(SessionService.ShapeCode(typedCode), participantKey).WaitAsync(ct);
        return new JoinResult(sessionId, participantId, isNew, snapshot, snapshot.Camps is null ? null : camp);
    }
}
