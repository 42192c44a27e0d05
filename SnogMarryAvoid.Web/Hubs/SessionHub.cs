using Microsoft.AspNetCore.SignalR;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Participants;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Web.Participants;

namespace SnogMarryAvoid.Web.Hubs;

/// <summary>What <see cref="SessionHub.Join"/> answers: keep the token to rejoin as the same participant.</summary>
public sealed record JoinReply(string ParticipantToken, Guid SessionId, SessionSnapshot Snapshot);

/// <summary>
/// The real-time API for clients that are not Blazor pages (the load tool, integrations). Participant
/// methods only, for now; every call goes through the same Core services as the pages. Documented in
/// docs/realtime-api.md.
/// </summary>
public sealed class SessionHub(ParticipantService participants, VotingService voting, ParticipantCookie tokens, HubEventBridge bridge, JoinAttemptLimiter limiter) : Hub
{
    public const string Path = "/hubs/session";
    private const string ParticipantItem = "participant";

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

        Context.Items[ParticipantItem] = joined.ParticipantId;
        bridge.EnsureForwarding(joined.Snapshot);
        await Groups.AddToGroupAsync(Context.ConnectionId, HubEventBridge.Group(joined.SessionId));
        return new JoinReply(tokens.Protect(key), joined.SessionId, joined.Snapshot);
    }

    /// <summary>Casts or changes this participant's vote; answers once the vote is committed.</summary>
    public Task<VoteReceipt> Vote(Guid scenarioId, Choice choice) =>
        Call(() => voting.CastVoteAsync(Participant(), scenarioId, choice));

    /// <summary>Sets or clears the "why" of this participant's vote.</summary>
    public Task<VoteReceipt> SetReason(Guid scenarioId, string? reason) =>
        Call(() => voting.SetReasonAsync(Participant(), scenarioId, reason));

    /// <summary>The scenario's tally, when this participant may see it (revealed, or a results-live session).</summary>
    public Task<ScenarioResults> GetResults(Guid scenarioId) =>
        Call(() => voting.GetResultsForParticipantAsync(Participant(), scenarioId));

    private Guid Participant() => Context.Items[ParticipantItem] as Guid?
        ?? throw new HubException("NotJoined: join a session with its code first.");

    // Rule violations reach the client as "Error: message"; anything else stays a generic failure.
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
