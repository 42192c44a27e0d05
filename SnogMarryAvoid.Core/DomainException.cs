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
/// to the person who made the request. A refusal people read in their own language also names its text
/// (<see cref="TextKey"/>, a key of the web's language files under <c>error.</c>) with the values of its
/// placeholders; the English file's text is this message, word for word (a test checks).
/// </summary>
public sealed class DomainException(DomainError error, string message) : Exception(message)
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public DomainError Error { get; } = error;

    /// <summary>The message's key in the language files ("codeUnknown"), or null: English only.</summary>
    public string? TextKey { get; private init; }

    /// <summary>The values of the text's placeholders ("code" → "KX7PM").</summary>
    public IReadOnlyDictionary<string, string> TextValues { get; private init; } = None;

    /// <summary>
    /// The refusal this one puts in its place ("Scenario 3: " + "Counterpart is required."), or null. Its text
    /// fills this one's <c>{detail}</c>, in the same language.
    /// </summary>
    public DomainException? Detail { get; private init; }

    /// <summary>The same refusal, naming its text so that it can be put in the reader's language.</summary>
    public DomainException Says(string key, params (string Name, string Value)[] values) =>
        new(Error, Message) { TextKey = key, TextValues = values.ToDictionary(v => v.Name, v => v.Value), Detail = Detail };

    /// <summary>The same refusal, with <paramref name="detail"/> as the refusal it says where it happened.</summary>
    public DomainException About(DomainException detail) =>
        new(Error, Message) { TextKey = TextKey, TextValues = TextValues, Detail = detail };
}
