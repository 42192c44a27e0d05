namespace SnogMarryAvoid.Core;

/// <summary>What went wrong, in a form a client can branch on; the message is for people.</summary>
public enum DomainError
{
    NotFound,
    UnknownJoinCode,
    SessionEnded,
    SessionNotLive,
    VotingClosed,
    ScenarioNotInSession,
    InvalidInput,
    InvalidTransition,
    Forbidden,
    ResultsHidden,
    TooManyRequests,
}

/// <summary>
/// A request that breaks a rule. Nothing was changed; <see cref="Exception.Message"/> is safe to show
/// to the person who made the request.
/// </summary>
public sealed class DomainException(DomainError error, string message) : Exception(message)
{
    public DomainError Error { get; } = error;
}
