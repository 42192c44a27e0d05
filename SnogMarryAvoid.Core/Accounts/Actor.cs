namespace SnogMarryAvoid.Core.Accounts;

/// <summary>The two roles people sign in with.</summary>
public static class Roles
{
    public const string Organiser = "Organiser";
    public const string Facilitator = "Facilitator";
}

/// <summary>
/// Who is asking a service to act on a session: a signed-in user, or the app itself (a timer).
/// Organisers may act on every session; a facilitator on their own and on those shared with them
/// (<see cref="Sessions.SessionAccess"/>).
/// </summary>
public sealed record Actor(string UserId, bool IsOrganiser)
{
    /// <summary>The app acting on its own behalf, e.g. a countdown closing voting.</summary>
    public static Actor System { get; } = new("system", IsOrganiser: true);

    /// <summary>An organiser, or the owner: who may share, unshare and delete a session.</summary>
    public bool MayManage(string? ownerId) => IsOrganiser || (ownerId is not null && ownerId == UserId);
}
