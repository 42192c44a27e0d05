namespace SnogMarryAvoid.Core.Participants;

/// <summary>
/// Someone in the room, known only by a random key from their browser's cookie. Nothing personal
/// (no name, address or user agent) is stored.
/// </summary>
public sealed class Participant
{
    public const int KeyLength = 64;

    public Guid Id { get; set; }
    public Guid SessionId { get; set; }
    public required string Key { get; set; }
    public DateTime JoinedAt { get; set; }
    public DateTime LastSeenAt { get; set; }

    /// <summary>The camp this participant chose (its place in the session's list, from 0), or null: not asked, skipped.</summary>
    public int? Camp { get; set; }
}
