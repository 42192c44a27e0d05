using System.Collections.Concurrent;

namespace SnogMarryAvoid.Core.Participants;

/// <summary>
/// Which session each participant this server has met belongs to: a fact that never changes once the participant
/// exists (a participant is removed only with its session, whose scenarios go too, so a vote is then refused for
/// its scenario). Joins add to it and the vote writer reads it, so a vote does not ask the database again.
/// Holds at most <see cref="Capacity"/> participants, then starts again (it is a cache: the database has them all).
/// </summary>
public sealed class ParticipantSessions
{
    public const int Capacity = 200_000;

    private readonly ConcurrentDictionary<Guid, Guid> _sessionOf = new();

    public int Count => _sessionOf.Count;

    public bool TryGet(Guid participantId, out Guid sessionId) => _sessionOf.TryGetValue(participantId, out sessionId);

    public void Remember(Guid participantId, Guid sessionId)
    {
        if (_sessionOf.Count >= Capacity)
        {
            _sessionOf.Clear();
        }

        _sessionOf[participantId] = sessionId;
    }
}
