namespace SnogMarryAvoid.Core.Sessions;

/// <summary>A co-facilitator of a session: someone other than its owner who may run it and see its report.</summary>
public sealed class SessionShare
{
    public Guid SessionId { get; set; }

    /// <summary>The Identity user id of the co-facilitator.</summary>
    public required string UserId { get; set; }

    public DateTime SharedAt { get; set; }
}
