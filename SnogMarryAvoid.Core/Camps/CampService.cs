using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Core.Camps;

/// <summary>
/// Camps: the facilitator sets whether a session asks "Where are you coming from?" and with which camps;
/// a participant answers with one tap, skips, or changes their answer later.
/// </summary>
public sealed class CampService(SessionChanges changes, DbWork db, TallyBroadcaster broadcaster)
{
    /// <summary>
    /// Sets the session's camp settings (checked by <see cref="CampRules.Check"/>), in any phase but the
    /// end. A camp someone has chosen can be renamed but not removed: the list may shrink only by camps
    /// nobody chose. Turning the question off keeps everyone's answers, so turning it on again brings them back.
    /// </summary>
    public Task<RoomView> SetAsync(Guid sessionId, Actor actor, CampSettings settings, CancellationToken ct = default)
    {
        var camps = CampRules.Check(settings.Camps);
        return changes.ApplyAsync(sessionId, actor, (ctx, session) => ApplyAsync(ctx, session, settings with { Camps = camps }, ct), ct);
    }

    /// <summary>Sets checked camp settings on a session being changed (a deck import uses it too); refuses to remove a chosen camp.</summary>
    internal static async Task ApplyAsync(SnogDbContext ctx, Session session, CampSettings settings, CancellationToken ct)
    {
        var camps = settings.Camps;
        var chosen = await ctx.Participants.Where(p => p.SessionId == session.Id && p.Camp >= camps.Count)
            .GroupBy(p => p.Camp!.Value).Select(g => new { Camp = g.Key, People = g.Count() }).OrderBy(g => g.Camp).FirstOrDefaultAsync(ct);
        if (chosen is not null)
        {
            var old = CampList.Read(session.CampList);
            var name = chosen.Camp < old.Count ? old[chosen.Camp].Name : $"camp {chosen.Camp + 1}";
            var refusal = new DomainException(DomainError.InvalidInput, string.Create(CultureInfo.InvariantCulture,
                $"{chosen.People} {(chosen.People == 1 ? "person has" : "people have")} chosen \"{name}\", so it cannot be removed; rename it instead."));
            throw chosen.People == 1
                ? refusal.Says("campChosenOne", ("name", name))
                : refusal.Says("campChosenMany", ("count", chosen.People.ToString(CultureInfo.InvariantCulture)), ("name", name));
        }

        session.AsksCamp = settings.Ask;
        session.CampList = CampList.Write(camps);
        session.ProjectorShowsCamps = settings.SplitOnProjector;
        session.ProjectorShowsWords = settings.WordsOnProjector;
    }

    /// <summary>
    /// Sets the participant's camp (its place in the session's list, from 0) or clears it (null: skipped).
    /// Refused when the session does not ask, has ended, or has no such camp. Every vote the participant
    /// has cast counts in the new camp from now on; the current scenario's split is recounted.
    /// </summary>
    public async Task<int?> ChooseAsync(Guid participantId, int? camp, CancellationToken ct = default)
    {
        var (sessionId, current) = await db.WriteAsync(async ctx =>
        {
            var participant = await ctx.Participants.FirstOrDefaultAsync(p => p.Id == participantId, ct)
                ?? throw new DomainException(DomainError.NotFound, "You are not in this session; join it again with its code.").Says("notInSession");
            var session = await ctx.Sessions.AsNoTracking().Where(s => s.Id == participant.SessionId)
                .Select(s => new { s.Phase, s.AsksCamp, s.CampList, s.CurrentScenarioId }).FirstAsync(ct);
            if (session.Phase == SessionPhase.Ended)
            {
                throw ScenarioRules.Ended();
            }

            if (!session.AsksCamp)
            {
                throw new DomainException(DomainError.InvalidInput, "This session does not ask where you are coming from.").Says("campNotAsked");
            }

            var count = CampList.Read(session.CampList).Count;
            if (camp is { } chosen && (chosen < 0 || chosen >= count))
            {
                var number = ((long)chosen + 1).ToString(CultureInfo.InvariantCulture);
                var of = count.ToString(CultureInfo.InvariantCulture);
                throw new DomainException(DomainError.InvalidInput, $"There is no camp {number} in this session: choose one of its {of} camps, or skip.")
                    .Says("campUnknown", ("camp", number), ("count", of));
            }

            participant.Camp = camp;
            await ctx.SaveChangesAsync(ct);
            return (participant.SessionId, session.CurrentScenarioId);
        }, ct);

        if (current is { } scenarioId)
        {
            broadcaster.Recount(sessionId, scenarioId);
        }

        return camp;
    }

    /// <summary>The participant's camp now (null: not asked, skipped, or no longer asked).</summary>
    public async Task<int?> OfAsync(Guid participantId, CancellationToken ct = default)
    {
        await using var ctx = await db.ReadAsync(ct);
        return await ctx.Participants.AsNoTracking().Where(p => p.Id == participantId).Select(p => p.Camp).FirstOrDefaultAsync(ct);
    }
}
