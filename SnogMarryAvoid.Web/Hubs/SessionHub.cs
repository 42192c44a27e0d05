using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Camps;
using SnogMarryAvoid.Core.Contract;
using SnogMarryAvoid.Core.Decks;
using SnogMarryAvoid.Core.Participants;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Web.Accounts;
using SnogMarryAvoid.Web.Participants;

namespace SnogMarryAvoid.Web.Hubs;

/// <summary>
/// The real-time API (<see cref="ISessionHub"/>) for clients that are not Blazor pages: the phone page,
/// the load tool, integrations. Every call goes through the same Core services as the pages, so the
/// same rules apply; a refusal is a <see cref="DomainException"/>, which <see cref="HubRefusals"/> turns
/// into "Code: sentence" for the client. Documented, with every method, event and error, in
/// docs/realtime-api.md.
/// </summary>
public sealed class SessionHub(
    ParticipantService participants,
    CampService camps,
    VotingService voting,
    SessionService sessions,
    ScenarioService scenarios,
    DeckService decks,
    ParticipantCookie tokens,
    JoinAttemptLimiter limiter,
    PresenceTracker presence,
    StaffConnections staff,
    TimeProvider clock) : Hub<ISessionClient>, ISessionHub
{
    public const string Path = ISessionHub.Path;
    private const string ParticipantItem = "participant";
    private const string SessionItem = "session";
    private const string PresenceItem = "presence";

    // ---- Participants ----

    public async Task<JoinReply> Join(string code, string? participantToken)
    {
        var address = Context.GetHttpContext() is { } http ? JoinAttemptLimiter.AddressOf(http) : "hub";
        var known = tokens.Unprotect(participantToken);
        var key = known ?? ParticipantService.NewKey();
        var joined = await limiter.AttemptAsync(address, () => participants.JoinAsync(code, key));

        // Counted in the room's "connected now" (the console) while this connection is open, once per
        // connection; joining another session leaves the first one's room.
        await LeaveRoomAsync();
        var lease = presence.Connect(joined.SessionId);
        Context.Items[PresenceItem] = lease;

        // SignalR does not wait for a running call before OnDisconnectedAsync: a phone that drops while its
        // join is answered (a bad network) is already gone here. The lease ends with the connection, at once
        // if it has already ended (Dispose is idempotent: OnDisconnectedAsync may end it too).
        Context.ConnectionAborted.Register(static lease => ((IDisposable)lease!).Dispose(), lease);
        Context.Items[ParticipantItem] = joined.ParticipantId;
        Context.Items[SessionItem] = joined.SessionId;
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Room(joined.SessionId));

        // A participant coming back gets its votes in the same reply (one round trip less on a slow phone);
        // a new key has none, so a room of new phones costs no query for them.
        var mine = known is null ? [] : await voting.GetVotesAsync(joined.ParticipantId);
        return new JoinReply(tokens.Protect(key), joined.SessionId, joined.Snapshot, clock.GetUtcNow().UtcDateTime, mine, joined.Camp);
    }

    public Task<VoteReceipt> Vote(Guid scenarioId, Choice choice) => voting.CastVoteAsync(Participant(), scenarioId, choice);

    public Task<VoteReceipt> SetReason(Guid scenarioId, string? reason) => voting.SetReasonAsync(Participant(), scenarioId, reason);

    public Task<int?> SetCamp(int? camp) => camps.ChooseAsync(Participant(), camp);

    public Task<IReadOnlyList<VoteReceipt>> GetMyVotes() => voting.GetVotesAsync(Participant());

    public Task<ScenarioResults> GetResults(Guid scenarioId) => voting.GetResultsForParticipantAsync(Participant(), scenarioId);

    public Task<ParticipantRecap> GetMyRecap() => voting.GetRecapAsync(Participant());

    public async Task<ResultsReply> FollowResults()
    {
        var participant = Participant();
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Results((Guid)Context.Items[SessionItem]!));
        return await voting.GetRoomResultsAsync(participant);
    }

    // ---- Facilitators (signed in, and allowed to run the session: the same rule as the console) ----

    public async Task<RoomView> CreateSession(string title, bool builtInDeck)
    {
        var actor = await FacilitatorAsync();
        var created = await sessions.CreateAsync(title, actor);
        if (builtInDeck)
        {
            await decks.AddBuiltInAsync(created.Id, actor);
        }

        return await sessions.StartAsync(created.Id, actor);
    }

    public async Task<WatchReply> Watch(Guid sessionId)
    {
        var view = await sessions.GetAsync(sessionId, await FacilitatorAsync());
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Watchers(sessionId));
        staff.Watching(Context, sessionId);
        return new WatchReply(view.Room, view.Results, view.LastSequence, view.Split);
    }

    public async Task<RoomView> Start(Guid sessionId) => await sessions.StartAsync(sessionId, await FacilitatorAsync());

    public async Task<RoomView> Open(Guid sessionId, Guid scenarioId, int? seconds)
    {
        var actor = await FacilitatorAsync();
        return await scenarios.OpenAsync(sessionId, scenarioId, actor, Countdown.FromSeconds(seconds));
    }

    public async Task<RoomView> Close(Guid sessionId, Guid scenarioId) => await scenarios.CloseAsync(sessionId, scenarioId, await FacilitatorAsync());

    public async Task<RoomView> Reveal(Guid sessionId, Guid scenarioId) => await scenarios.RevealAsync(sessionId, scenarioId, await FacilitatorAsync());

    public async Task<RoomView> Next(Guid sessionId) => await scenarios.StepForwardAsync(sessionId, await FacilitatorAsync());

    public async Task<RoomView> Previous(Guid sessionId) => await scenarios.StepBackAsync(sessionId, await FacilitatorAsync());

    public async Task<RoomView> SetResultsLive(Guid sessionId, bool live) => await sessions.SetResultsLiveAsync(sessionId, await FacilitatorAsync(), live);

    public async Task<RoomView> End(Guid sessionId) => await sessions.EndAsync(sessionId, await FacilitatorAsync());

    // ---- The connection ----

    public override Task OnConnectedAsync()
    {
        staff.Opened(Context);
        return base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        staff.Closed(Context);
        await LeaveRoomAsync();
        await base.OnDisconnectedAsync(exception);
    }

    private async Task LeaveRoomAsync()
    {
        if (Context.Items.TryGetValue(PresenceItem, out var lease) && lease is IDisposable disposable)
        {
            disposable.Dispose();
        }

        if (Context.Items.TryGetValue(SessionItem, out var joined) && joined is Guid sessionId)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, HubGroups.Room(sessionId));
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, HubGroups.Results(sessionId));
        }
    }

    private Guid Participant() => Context.Items[ParticipantItem] as Guid?
        ?? throw new DomainException(DomainError.NotJoined, "join a session with its code first.");

    /// <summary>
    /// The signed-in facilitator or organiser, as Core's <see cref="Actor"/>. The sign-in is checked again
    /// against the account (<see cref="StaffConnections"/>): a disabled or deleted account loses the hub
    /// as it loses the console.
    /// </summary>
    private async Task<Actor> FacilitatorAsync()
    {
        var user = Context.User ?? new ClaimsPrincipal();
        if (user.Identity?.IsAuthenticated != true)
        {
            throw new DomainException(DomainError.SignInRequired, "sign in as a facilitator or organiser to run a session.");
        }

        if (!user.IsInRole(Roles.Organiser) && !user.IsInRole(Roles.Facilitator))
        {
            throw new DomainException(DomainError.Forbidden, "only facilitators and organisers run sessions.");
        }

        // Refused here; the connection itself is closed by the next check of staff connections.
        if (!await staff.IsStillSignedInAsync(Context))
        {
            throw new DomainException(DomainError.SignInRequired, "this account's sign-in is no longer valid (disabled, deleted or its password changed); sign in again.");
        }

        return ActorOf.User(user);
    }
}
