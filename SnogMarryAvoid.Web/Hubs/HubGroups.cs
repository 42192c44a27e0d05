namespace SnogMarryAvoid.Web.Hubs;

/// <summary>The hub's groups per session: who hears what (docs/realtime-api.md).</summary>
public static class HubGroups
{
    /// <summary>Participants who joined: the room's view and the end of the session, never tallies.</summary>
    public static string Room(Guid sessionId) => $"room:{sessionId:N}";

    /// <summary>Participants who asked for tallies (<c>FollowResults</c>): tallies the room may see.</summary>
    public static string Results(Guid sessionId) => $"results:{sessionId:N}";

    /// <summary>Facilitators and organisers watching: everything, tallies before the reveal included.</summary>
    public static string Watchers(Guid sessionId) => $"facilitators:{sessionId:N}";
}
