namespace SnogMarryAvoid.Core.Accounts;

/// <summary>The two roles people sign in with.</summary>
public static class Roles
{
    public const string Organiser = "Organiser";
    public const string Facilitator = "Facilitator";
}

/// <summary>
/// Who is asking a service to act on a session: a signed-in user, or the app itself (a timer).
/// Organisers may act on every session; a facilitator only on their own.
/// </summary>
public sealed record Actor(string UserId, bool IsOrganiser)
{
    /// <summary>The app acting on its own behalf, e.g. a countdown closing voting.</summary>
    public static Actor System { get; } = new("system", IsOrganiser: true);

    public bool MayManage(string? ownerId) => IsOrganiser || (ownerId is not null && ownerId == UserId);

    /// <summary>Throws <see cref="DomainError.Forbidden"/> unless this actor may manage a session with that owner.</summary>
    public void EnsureMayManage(string? ownerId)
    {
        if (!MayManage(ownerId))
        {
            throw new DomainException(DomainError.Forbidden, "This session belongs to another facilitator.");
        }
    }
}
