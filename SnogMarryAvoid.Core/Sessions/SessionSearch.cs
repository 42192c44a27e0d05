namespace SnogMarryAvoid.Core.Sessions;

/// <summary>
/// What a list of sessions is narrowed to. <see cref="Title"/> matches anywhere in the title, ignoring
/// case; <see cref="From"/> and <see cref="To"/> are whole days (UTC), both included;
/// <see cref="FacilitatorId"/> is the owner's account id. Pages count from 1.
/// </summary>
public sealed record SessionFilter(
    string? Title = null,
    DateOnly? From = null,
    DateOnly? To = null,
    string? FacilitatorId = null,
    int Page = 1,
    int PageSize = SessionFilter.DefaultPageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
}

/// <summary>One line of a list of sessions. <see cref="Facilitator"/> is the owner's e-mail, or null when the account is gone.</summary>
public sealed record SessionSummary(
    Guid Id,
    string Title,
    string JoinCode,
    SessionPhase Phase,
    DateTime CreatedAt,
    int ScenarioCount,
    int ParticipantCount,
    string? Facilitator = null);

/// <summary>One page of a list of sessions, with the count over all pages.</summary>
public sealed record SessionListPage(IReadOnlyList<SessionSummary> Items, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>An account that owns at least one session, for a facilitator filter.</summary>
public sealed record FacilitatorOption(string Id, string Email);
