using SnogMarryAvoid.Core.Camps;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Core.Contract;

/// <summary>
/// The real-time API at <see cref="Path"/>, as every client calls it: the phone page, the load tool,
/// integrations (docs/realtime-api.md). The web host's hub implements it, so a client that names a
/// method with <c>nameof(ISessionHub.Vote)</c> cannot misspell it. A refused call fails with
/// "Code: explanation", the code being a <see cref="DomainError"/>.
/// </summary>
public interface ISessionHub
{
    public const string Path = "/hubs/session";

    // ---- Participants ----

    /// <summary>Joins by code; pass the token from an earlier reply to come back as the same participant.</summary>
    Task<JoinReply> Join(string code, string? participantToken);

    /// <summary>This participant's own votes in the session, one receipt per scenario voted on.</summary>
    Task<IReadOnlyList<VoteReceipt>> GetMyVotes();

    /// <summary>Casts or changes this participant's vote; answers once the vote is committed, with its sequence number.</summary>
    Task<VoteReceipt> Vote(Guid scenarioId, Choice choice);

    /// <summary>Sets or clears the "why" of this participant's vote.</summary>
    Task<VoteReceipt> SetReason(Guid scenarioId, string? reason);

    /// <summary>
    /// Answers "Where are you coming from?": the camp's place in <see cref="RoomView.Camps"/> (from 0), or
    /// null to skip or take the answer back. May be changed at any time until the session ends; answers
    /// with the camp now set.
    /// </summary>
    Task<int?> SetCamp(int? camp);

    /// <summary>The scenario's tally, when this participant may see it (revealed, or a results-live session).</summary>
    Task<ScenarioResults> GetResults(Guid scenarioId);

    /// <summary>Once the session has ended: how many scenarios this participant voted on, and how often the room agreed with them.</summary>
    Task<ParticipantRecap> GetMyRecap();

    /// <summary>
    /// From now on this connection also receives <see cref="ISessionClient.ResultsChanged"/> whenever the
    /// room may see the tally (the room's group gets only views). Answers with the current tally, if the
    /// room may see it now.
    /// </summary>
    Task<ResultsReply> FollowResults();

    // ---- Facilitators and organisers (signed in, and allowed to run the session) ----

    /// <summary>Creates a live session owned by the caller, optionally with the built-in deck.</summary>
    Task<RoomView> CreateSession(string title, bool builtInDeck);

    /// <summary>Follows a session as its console and projector do: every event, tallies included, before the reveal too.</summary>
    Task<WatchReply> Watch(Guid sessionId);

    Task<RoomView> Start(Guid sessionId);

    /// <summary>Opens a scenario for voting, with an optional countdown in seconds (within the one countdown range).</summary>
    Task<RoomView> Open(Guid sessionId, Guid scenarioId, int? seconds);

    Task<RoomView> Close(Guid sessionId, Guid scenarioId);

    Task<RoomView> Reveal(Guid sessionId, Guid scenarioId);

    /// <summary>The clicker's "next": open, close, reveal, then the next scenario.</summary>
    Task<RoomView> Next(Guid sessionId);

    /// <summary>The clicker's "back".</summary>
    Task<RoomView> Previous(Guid sessionId);

    /// <summary>Live results (the room sees the split while voting is open) or reveal-only (the default).</summary>
    Task<RoomView> SetResultsLive(Guid sessionId, bool live);

    Task<RoomView> End(Guid sessionId);
}

/// <summary>The events the hub sends to its clients. The hub is typed with it, so a misspelt event does not compile.</summary>
public interface ISessionClient
{
    /// <summary>The room's view changed (a newer <see cref="RoomView.Revision"/>): to the room and to watchers.</summary>
    Task SessionChanged(RoomView snapshot);

    /// <summary>A new tally, with the last vote sequence it includes: to watchers, and to followers of results when the room may see it.</summary>
    Task ResultsChanged(ScenarioResults results, long lastSequence);

    /// <summary>
    /// The current scenario's split by camp, under the three-person rule, with the last vote sequence it
    /// includes: to watchers, after each <see cref="ResultsChanged"/> of a session that asks camps.
    /// </summary>
    Task SplitChanged(CampSplitView split, long lastSequence);

    /// <summary>Someone new joined: to watchers.</summary>
    Task ParticipantsChanged(int count);

    /// <summary>The session ended: to the room and to watchers.</summary>
    Task SessionEnded(Guid sessionId);

    /// <summary>
    /// This server is stopping (a restart, an upgrade, a scale-down): to every connection. Stop the
    /// connection at a random moment within <paramref name="reconnectWithinMs"/> milliseconds and connect
    /// again (behind a balancer, to another server), then rejoin or watch again as before. A connection
    /// that stays is closed when the server exits.
    /// </summary>
    Task ServerStopping(int reconnectWithinMs);
}

/// <summary>
/// What <see cref="ISessionHub.Join"/> answers: keep the token to rejoin as the same participant. The server's
/// clock (UTC) lets a client show a countdown to <see cref="Scenarios.ScenarioView.ClosesAt"/> whatever its own clock says.
/// <paramref name="MyVotes"/> are this participant's votes so far (what <see cref="ISessionHub.GetMyVotes"/> answers), so
/// that a phone can draw its page after one round trip; a new participant has none. <paramref name="Camp"/> is the
/// camp this participant chose, while the session asks (<see cref="RoomView.Camps"/>).
/// </summary>
public sealed record JoinReply(string ParticipantToken, Guid SessionId, RoomView Snapshot, DateTime ServerTime, IReadOnlyList<VoteReceipt> MyVotes, int? Camp = null);

/// <summary>
/// What <see cref="ISessionHub.Watch"/> answers: the session now, and the current scenario's tally with its
/// sequence; its split by camp too, when the session asks camps.
/// </summary>
public sealed record WatchReply(RoomView Snapshot, ScenarioResults? Results, long LastSequence, CampSplitView? Split = null);

/// <summary>What <see cref="ISessionHub.FollowResults"/> answers: the current tally and its sequence, when the room may see it (else null and 0).</summary>
public sealed record ResultsReply(ScenarioResults? Results, long LastSequence);
