namespace SnogMarryAvoid.Core;

/// <summary>
/// What went wrong, in a form a client can branch on; the message is for people. The hub sends a refusal
/// as "Code: message" with these names (docs/realtime-api.md lists every one).
/// </summary>
public enum DomainError
{
    NotFound,
    UnknownJoinCode,
    SessionEnded,

    /// <summary>The session is still a draft: start it first.</summary>
    SessionNotLive,
    VotingClosed,
    ScenarioNotInSession,
    InvalidInput,
    InvalidTransition,
    Forbidden,
    ResultsHidden,
    TooManyRequests,

    /// <summary>A participant's call before joining a session.</summary>
    NotJoined,

    /// <summary>A facilitator's call without a (still valid) sign-in.</summary>
    SignInRequired,

    /// <summary>Too many wrong join codes from one network address.</summary>
    TooManyAttempts,

    /// <summary>Too many hub connections open at once from one network address.</summary>
    TooManyConnections,
}

/// <summary>
/// A request that breaks a rule. Nothing was changed; <see cref="Exception.Message"/> is safe to show
/// to the person who made the request.
/// </summary>
public sealed class DomainException(DomainError error, string message) : Exception(message)
{
    public DomainError Error { get; } = error;
}
