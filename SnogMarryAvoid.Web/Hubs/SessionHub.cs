using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Decks;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Participants;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Web.Accounts;
using SnogMarryAvoid.Web.Observability;
using SnogMarryAvoid.Web.Participants;

namespace SnogMarryAvoid.Web.Hubs;

/// <summary>
/// What <see cref="SessionHub.Join"/> answers: keep the token to rejoin as the same participant. The server's
/// clock (UTC) lets a client show a countdown to <see cref="ScenarioView.ClosesAt"/> whatever its own clock says.
/// </summary>
public sealed record JoinReply(string ParticipantToken, Guid SessionId, SessionSnapshot Snapshot, DateTime ServerTime);

/// <summary>What <see cref="SessionHub.Watch"/> answers: the session now, and the current scenario's tally with its sequence.</summary>
public sealed record WatchReply(SessionSnapshot Snapshot, ScenarioResults? Results, long LastSequence);

/// <summary>
/// The real-time API for clients that are not Blazor pages (the load tool, integrations). Every call goes
/// through the same Core services as the pages, so the same rules apply; a broken rule reaches the
/// client as a <see cref="HubException"/> whose message is "Code: sentence". Documented, with every
/// method, event and error, in docs/realtime-api.md.
/// </summary>
public sealed class SessionHub(
    ParticipantService participants,
    VotingService voting,
    SessionService sessions,
    ScenarioService scenarios,
    DeckService decks,
    ParticipantCookie tokens,
    JoinAttemptLimiter limiter,
    PresenceTracker presence,
    TimeProvider clock) : Hub
{
    public const string Path = "/hubs/session";
    private const string ParticipantItem = "participant";
    private const string PresenceItem = "presence";

    // ---- Participants ----

    /// <summary>Joins by code; pass the token from an earlier reply to come back as the same participant.</summary>
    public async Task<JoinReply> Join(string code, string? participantToken)
    {
        var address = Context.GetHttpContext() is { } http ? JoinAttemptLimiter.AddressOf(http) : "hub";
        if (limiter.IsBlocked(address))
        {
            throw new HubException($"TooManyAttempts: {JoinAttemptLimiter.Message}");
        }

        var key = tokens.Unprotect(participantToken) ?? ParticipantService.NewKey();
        JoinResult joined;
        try
        {
            joined = await participants.JoinAsync(code, key);
        }
        catch (DomainException ex)
        {
            if (ex.Error == DomainError.UnknownJoinCode)
            {
                limiter.WrongCode(address);
            }

            throw new HubException($"{ex.Error}: {ex.Message}");
        }

        // Counted in the room's "connected now" (the console) while this connection is open, once per connection.
        LeaveRoomPresence();
        Context.Items[PresenceItem] = presence.Connect(joined.SessionId);
        Context.Items[ParticipantItem] = joined.ParticipantId;
        await Groups.AddToGroupAsync(Context.ConnectionId, HubEventBridge.RoomGroup(joined.SessionId));
        return new JoinReply(tokens.Protect(key), joined.SessionId, joined.Snapshot, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>Casts or changes this participant's vote; answers once the vote is committed, with its sequence number.</summary>
    public Task<VoteReceipt> Vote(Guid scenarioId, Choice choice) =>
        Call(() => voting.CastVoteAsync(Participant(), scenarioId, choice));

    /// <summary>Sets or clears the "why" of this participant's vote.</summary>
    public Task<VoteReceipt> SetReason(Guid scenarioId, string? reason) =>
        Call(() => voting.SetReasonAsync(Participant(), scenarioId, reason));

    /// <summary>This participant's own votes in the session, one receipt per scenario voted on.</summary>
    public Task<IReadOnlyList<VoteReceipt>> GetMyVotes() =>
        Call(() => voting.GetVotesAsync(Participant()));

    /// <summary>The scenario's tally, when this participant may see it (revealed, or a results-live session).</summary>
    public Task<ScenarioResults> GetResults(Guid scenarioId) =>
        Call(() => voting.GetResultsForParticipantAsync(Participant(), scenarioId));

    // ---- Facilitators (signed in, and allowed to run the session: the same rule as the console) ----

    /// <summary>Creates a live session owned by the caller, optionally with the built-in deck.</summary>
    public Task<SessionSnapshot> CreateSession(string title, bool builtInDeck) => Call(async () =>
    {
        var actor = Facilitator();
        var created = await sessions.CreateAsync(title, actor);
        if (builtInDeck)
        {
            await decks.AddBuiltInAsync(created.Id, actor);
        }

        return await sessions.StartAsync(created.Id, actor);
    });

    /// <summary>Follows a session as its console and projector do: every event, tallies included, before the reveal too.</summary>
    public Task<WatchReply> Watch(Guid sessionId) => Call(async () =>
    {
        var snapshot = await sessions.GetSnapshotAsync(sessionId, Facilitator());
        await Groups.AddToGroupAsync(Context.ConnectionId, HubEventBridge.FacilitatorGroup(sessionId));
        if (snapshot.Current is not { } current)
        {
            return new WatchReply(snapshot, null, 0);
        }

        var (results, sequence) = await voting.GetResultsWithSequenceAsync(sessionId, current.Id);
        return new WatchReply(snapshot, results, sequence);
    });

    public Task<SessionSnapshot> Start(Guid sessionId) => Call(() => sessions.StartAsync(sessionId, Facilitator()));

    /// <summary>Opens a scenario for voting, with an optional countdown in seconds (5 to 600).</summary>
    public Task<SessionSnapshot> Open(Guid sessionId, Guid scenarioId, int? seconds) =>
        Call(() => scenarios.OpenAsync(sessionId, scenarioId, Facilitator(), Countdown(seconds)));

    public Task<SessionSnapshot> Close(Guid sessionId, Guid scenarioId) => Call(() => scenarios.CloseAsync(sessionId, scenarioId, Facilitator()));

    public Task<SessionSnapshot> Reveal(Guid sessionId, Guid scenarioId) => Call(() => scenarios.RevealAsync(sessionId, scenarioId, Facilitator()));

    /// <summary>The clicker's "next": open, close, reveal, then the next scenario.</summary>
    public Task<SessionSnapshot> Next(Guid sessionId) => Call(() => scenarios.StepForwardAsync(sessionId, Facilitator()));

    /// <summary>The clicker's "back".</summary>
    public Task<SessionSnapshot> Previous(Guid sessionId) => Call(() => scenarios.StepBackAsync(sessionId, Facilitator()));

    /// <summary>Live results (the room sees the split while voting is open) or reveal-only (the default).</summary>
    public Task<SessionSnapshot> SetResultsLive(Guid sessionId, bool live) => Call(() => sessions.SetResultsLiveAsync(sessionId, Facilitator(), live));

    public Task<SessionSnapshot> End(Guid sessionId) => Call(() => sessions.EndAsync(sessionId, Facilitator()));

    private static TimeSpan? Countdown(int? seconds) => seconds switch
    {
        null => null,
        >= 5 and <= 600 => TimeSpan.FromSeconds(seconds.Value),
        _ => throw new DomainException(DomainError.InvalidInput, "A countdown is 5 to 600 seconds."),
    };

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        LeaveRoomPresence();
        return base.OnDisconnectedAsync(exception);
    }

    private void LeaveRoomPresence()
    {
        if (Context.Items.TryGetValue(PresenceItem, out var lease) && lease is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    private Guid Participant() => Context.Items[ParticipantItem] as Guid?
        ?? throw new HubException("NotJoined: join a session with its code first.");

    private Actor Facilitator()
    {
        var user = Context.User ?? new ClaimsPrincipal();
        if (user.Identity?.IsAuthenticated != true)
        {
            throw new HubException("SignInRequired: sign in as a facilitator or organiser to run a session.");
        }

        if (!user.IsInRole(Roles.Organiser) && !user.IsInRole(Roles.Facilitator))
        {
            throw new HubException("Forbidden: only facilitators and organisers run sessions.");
        }

        return ActorOf.User(user);
    }

    // Rule violations reach the client as "Code: message"; anything else stays a generic failure.
    private static async Task<T> Call<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (DomainException ex)
        {
            throw new HubException($"{ex.Error}: {ex.Message}");
        }
    }
}
