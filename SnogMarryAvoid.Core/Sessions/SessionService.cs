using Microsoft.EntityFrameworkCore;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Scenarios;

namespace SnogMarryAvoid.Core.Sessions;

/// <summary>Creating, finding, starting and ending sessions, and the views of one.</summary>
public sealed class SessionService(DbWork db, SessionChanges changes, TimeProvider clock)
{
    /// <summary>
    /// Creates a draft session with a join code that no session still running uses, and returns its
    /// manager's view. The title is required, at most <see cref="Session.MaxTitleLength"/> characters.
    /// Publishes nothing: nobody can be watching a session that did not exist.
    /// </summary>
    public async Task<ManagerView> CreateAsync(string? title, Actor owner, CancellationToken ct = default)
    {
        var cleanTitle = TextInput.Required(title, "Title", Session.MaxTitleLength);
        return await db.WriteAsync(async ctx =>
        {
            var code = await FreeCodeAsync(ctx, ct);
            var created = new Session
            {
                Id = Guid.NewGuid(),
                Title = cleanTitle,
                JoinCode = code,
                Phase = SessionPhase.Draft,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
                OwnerId = owner == Actor.System ? null : owner.UserId,
            };
            ctx.Sessions.Add(created);
            await ctx.SaveChangesAsync(ct);
            return await SessionViews.ManagerAsync(ctx, created.Id, ct);
        }, ct);
    }

    /// <summary>
    /// The manager's view of the session (what the console draws), for someone who may manage it:
    /// <see cref="DomainError.NotFound"/> if there is none, <see cref="DomainError.Forbidden"/> if it is
    /// another facilitator's.
    /// </summary>
    public async Task<ManagerView> GetAsync(Guid sessionId, Actor actor, CancellationToken ct = default)
    {
        await using var ctx = await db.ReadAsync(ct);
        await SessionAccess.EnsureMayRunAsync(ctx, sessionId, actor, ct);
        return await SessionViews.ManagerAsync(ctx, sessionId, ct);
    }

    /// <summary>
    /// The words of the reasons for each choice on one of the session's scenarios (<see cref="Reports.RoomWords"/>),
    /// as the console's cloud refreshes them while reasons arrive; hidden reasons are never counted.
    /// </summary>
    public async Task<IReadOnlyDictionary<Voting.Choice, IReadOnlyList<Reports.RoomWord>>> GetWordsAsync(Guid sessionId, Guid scenarioId, Actor actor, CancellationToken ct = default)
    {
        await using var ctx = await db.ReadAsync(ct);
        await SessionAccess.EnsureMayRunAsync(ctx, sessionId, actor, ct);
        if (!await ctx.Scenarios.AnyAsync(s => s.Id == scenarioId && s.SessionId == sessionId, ct))
        {
            throw new DomainException(DomainError.ScenarioNotInSession, "That scenario is not in this session.").Says("scenarioNotHere");
        }

        return await SessionViews.WordsAsync(ctx, scenarioId, ct);
    }

    /// <summary>Whether <paramref name="actor"/> may run the session now (false too when it no longer exists).</summary>
    public async Task<bool> MayRunAsync(Guid sessionId, Actor actor, CancellationToken ct = default)
    {
        await using var ctx = await db.ReadAsync(ct);
        try
        {
            await SessionAccess.EnsureMayRunAsync(ctx, sessionId, actor, ct);
            return true;
        }
        catch (DomainException)
        {
            return false;
        }
    }

    /// <summary>Sessions newest first: every session for an organiser, their own and those shared with them for a facilitator.</summary>
    public async Task<IReadOnlyList<SessionSummary>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        await using var ctx = await db.ReadAsync(ct);
        return await Summaries(ctx, SessionAccess.Runnable(ctx, actor)).ToListAsync(ct);
    }

    /// <summary>
    /// One page of the sessions <paramref name="actor"/> may see, newest first, narrowed by
    /// <paramref name="filter"/>. A page past the last gives the last page; the page size is kept
    /// between 1 and <see cref="SessionFilter.MaxPageSize"/>. A facilitator who filters by another
    /// facilitator simply sees nothing.
    /// </summary>
    public async Task<SessionListPage> SearchAsync(Actor actor, SessionFilter filter, CancellationToken ct = default)
    {
        var size = Math.Clamp(filter.PageSize, 1, SessionFilter.MaxPageSize);
        await using var ctx = await db.ReadAsync(ct);
        var query = SessionAccess.Runnable(ctx, actor);
        if (!string.IsNullOrWhiteSpace(filter.Title))
        {
            var term = filter.Title.Trim().ToLower(System.Globalization.CultureInfo.InvariantCulture);
            query = query.Where(s => s.Title.ToLower().Contains(term));
        }

        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(s => s.CreatedAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(s => s.CreatedAt < end);
        }

        if (!string.IsNullOrEmpty(filter.FacilitatorId))
        {
            query = query.Where(s => s.OwnerId == filter.FacilitatorId);
        }

        var total = await query.CountAsync(ct);
        var lastPage = Math.Max(1, (total + size - 1) / size);
        var page = Math.Clamp(filter.Page, 1, lastPage);
        var items = await Summaries(ctx, query).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new SessionListPage(items, total, page, size);
    }

    /// <summary>The accounts that own sessions <paramref name="actor"/> may see, by e-mail: everyone's for an organiser, their own for a facilitator.</summary>
    public async Task<IReadOnlyList<FacilitatorOption>> ListFacilitatorsAsync(Actor actor, CancellationToken ct = default)
    {
        await using var ctx = await db.ReadAsync(ct);
        var owners = SessionAccess.Runnable(ctx, actor).Select(s => s.OwnerId).Distinct();
        return await ctx.Users.AsNoTracking()
            .Where(u => owners.Contains(u.Id))
            .OrderBy(u => u.Email)
            .Select(u => new FacilitatorOption(u.Id, u.Email ?? u.UserName ?? u.Id))
            .ToListAsync(ct);
    }

    private static IQueryable<SessionSummary> Summaries(SnogDbContext ctx, IQueryable<Session> sessions) =>
        sessions
            .OrderByDescending(s => s.CreatedAt)
            .ThenBy(s => s.Id)
            .Select(s => new SessionSummary(
                s.Id, s.Title, s.JoinCode, s.Phase, s.CreatedAt,
                ctx.Scenarios.Count(x => x.SessionId == s.Id),
                ctx.Participants.Count(p => p.SessionId == s.Id),
                ctx.Users.Where(u => u.Id == s.OwnerId).Select(u => u.Email).FirstOrDefault()));

    /// <summary>The room's view of the session now (what phones and the projector draw), for someone who may manage it.</summary>
    public async Task<RoomView> GetRoomViewAsync(Guid sessionId, Actor actor, CancellationToken ct = default)
    {
        await using var ctx = await db.ReadAsync(ct);
        await SessionAccess.EnsureMayRunAsync(ctx, sessionId, actor, ct);
        return await SessionViews.RoomAsync(ctx, sessionId, ct);
    }

    /// <summary>
    /// The session a typed join code leads to. Case, spaces and dashes are forgiven. Throws
    /// <see cref="DomainError.UnknownJoinCode"/> for a code that is malformed or matches nothing (saying
    /// which look-alike characters no code uses, when it has any), and <see cref="DomainError.SessionEnded"/>
    /// when its session has ended.
    /// </summary>
    public async Task<Guid> FindByCodeAsync(string? typedCode, CancellationToken ct = default)
    {
        var shaped = ShapeCode(typedCode);
        await using var ctx = await db.ReadAsync(ct);
        return SessionOfCode(shaped, await SessionsWithCodeAsync(ctx, [shaped], ct));
    }

    /// <summary>A typed code as codes are written (upper case, no spaces), or the refusal of one that cannot be a code.</summary>
    public static string ShapeCode(string? typedCode)
    {
        var shaped = JoinCode.Shape(typedCode)
            ?? throw new DomainException(DomainError.UnknownJoinCode, "That doesn't look like a join code. Codes are 5 or 6 letters and numbers, as shown on the screen.").Says("codeMalformed");
        if (JoinCode.LookAlikesIn(shaped) is { } lookAlikes)
        {
            throw new DomainException(DomainError.UnknownJoinCode,
                $"No session has the code {shaped}. Codes never use 0, 1, 2, 5, 8, B, I, L, O, S or Z, which look like other characters, and you typed {lookAlikes}: check the code on the screen.")
                .Says("codeLookAlikes", ("code", shaped), ("lookAlikes", lookAlikes));
        }

        return shaped;
    }

    /// <summary>A session that has (or had) one of these codes, as <see cref="SessionOfCode"/> chooses among them.</summary>
    public sealed record CodeHolder(Guid Id, string JoinCode, SessionPhase Phase, DateTime CreatedAt);

    /// <summary>Every session with one of the codes, ended or not (an ended session's code may be in use again), in one query.</summary>
    public static Task<List<CodeHolder>> SessionsWithCodeAsync(SnogDbContext ctx, IReadOnlyCollection<string> codes, CancellationToken ct = default) =>
        ctx.Sessions.AsNoTracking().Where(s => codes.Contains(s.JoinCode))
            .Select(s => new CodeHolder(s.Id, s.JoinCode, s.Phase, s.CreatedAt)).ToListAsync(ct);

    /// <summary>
    /// The session a code leads to: the one that has not ended (codes are unique among those), else the newest that
    /// had it, which says it has ended; none is a wrong code.
    /// </summary>
    public static Guid SessionOfCode(string shaped, IEnumerable<CodeHolder> holders) =>
        holders.Where(s => s.JoinCode == shaped).OrderBy(s => s.Phase == SessionPhase.Ended).ThenByDescending(s => s.CreatedAt).FirstOrDefault() switch
        {
            null => throw new DomainException(DomainError.UnknownJoinCode, $"No session has the code {shaped}. Check the code on the screen and try again.").Says("codeUnknown", ("code", shaped)),
            { Phase: SessionPhase.Ended } => throw new DomainException(DomainError.SessionEnded, $"The session {shaped} has ended. Thank you for taking part!").Says("sessionEndedJoin", ("code", shaped)),
            var session => session.Id,
        };

    /// <summary>Draft → Live: the room may join and the facilitator may open scenarios. Publishes <see cref="SessionChanged"/>.</summary>
    public Task<RoomView> StartAsync(Guid sessionId, Actor actor, CancellationToken ct = default) =>
        changes.ApplyAsync(sessionId, actor, (_, session) =>
        {
            if (session.Phase != SessionPhase.Draft)
            {
                throw new DomainException(DomainError.InvalidTransition, "The session is already live.").Says("alreadyLive");
            }

            session.Phase = SessionPhase.Live;
            session.StartedAt = clock.GetUtcNow().UtcDateTime;
            return Task.CompletedTask;
        }, ct);

    /// <summary>
    /// Ends the session: any open scenario closes, the join code is freed and no more votes are taken.
    /// From then on every facilitator action is refused with <see cref="DomainError.SessionEnded"/>,
    /// but for renaming it and hiding reasons from its report. Publishes <see cref="SessionChanged"/>.
    /// </summary>
    public Task<RoomView> EndAsync(Guid sessionId, Actor actor, CancellationToken ct = default) =>
        changes.ApplyAsync(sessionId, actor, async (ctx, session) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var open in await ctx.Scenarios.Where(s => s.SessionId == sessionId && s.State == ScenarioState.Open).ToListAsync(ct))
            {
                open.State = ScenarioState.Closed;
                open.ClosedAt = now;
            }

            session.Phase = SessionPhase.Ended;
            session.EndedAt = now;
        }, ct);

    /// <summary>Renames a session (title rules as for <see cref="CreateAsync"/>); an ended one too, for its report.</summary>
    public Task<RoomView> RenameAsync(Guid sessionId, Actor actor, string? title, CancellationToken ct = default)
    {
        var cleanTitle = TextInput.Required(title, "Title", Session.MaxTitleLength);
        return changes.ApplyAsync(sessionId, actor, (_, session) =>
        {
            session.Title = cleanTitle;
            return Task.CompletedTask;
        }, ct, allowWhenEnded: true);
    }

    /// <summary>Reveal-only (the default) or live results on the projector while voting is open.</summary>
    public Task<RoomView> SetResultsLiveAsync(Guid sessionId, Actor actor, bool live, CancellationToken ct = default) =>
        changes.ApplyAsync(sessionId, actor, (_, session) =>
        {
            session.ShowResultsLive = live;
            return Task.CompletedTask;
        }, ct);

    /// <summary>Whether showing the next scenario opens voting on it at once (off by default: show, discuss, then open).</summary>
    public Task<RoomView> SetShowOpensVotingAsync(Guid sessionId, Actor actor, bool opens, CancellationToken ct = default) =>
        changes.ApplyAsync(sessionId, actor, (_, session) =>
        {
            session.ShowOpensVoting = opens;
            return Task.CompletedTask;
        }, ct);

    /// <summary>
    /// The room's languages (<see cref="RoomLanguages.Check"/>): one, or two for a bilingual room, the first shown first;
    /// <paramref name="known"/> are the languages the app has. Any time, ended sessions too: the recap is shown in them.
    /// </summary>
    public Task<RoomView> SetRoomLanguagesAsync(Guid sessionId, Actor actor, IReadOnlyList<string> codes, IReadOnlyCollection<string> known, CancellationToken ct = default)
    {
        var clean = RoomLanguages.Check(codes, known);
        return changes.ApplyAsync(sessionId, actor, (_, session) =>
        {
            session.RoomLanguages = RoomLanguages.Write(clean);
            return Task.CompletedTask;
        }, ct, allowWhenEnded: true);
    }

    /// <summary>Blanks the projector (phones show a pause) or shows it again.</summary>
    public Task<RoomView> SetBlankedAsync(Guid sessionId, Actor actor, bool blanked, CancellationToken ct = default) =>
        changes.ApplyAsync(sessionId, actor, (_, session) =>
        {
            session.IsBlanked = blanked;
            return Task.CompletedTask;
        }, ct);

    /// <summary>
    /// A new draft session with the same deck (every scenario pending, no votes) and settings (camps included), owned by
    /// <paramref name="actor"/>, titled "… (copy)".
    /// </summary>
    public async Task<ManagerView> DuplicateAsync(Guid sessionId, Actor actor, CancellationToken ct = default)
    {
        var source = await GetAsync(sessionId, actor, ct);
        var title = source.Title.Length + 7 <= Session.MaxTitleLength ? $"{source.Title} (copy)" : source.Title;
        var copyId = await db.WriteAsync(async ctx =>
        {
            var copy = new Session
            {
                Id = Guid.NewGuid(),
                Title = title,
                JoinCode = await FreeCodeAsync(ctx, ct),
                CreatedAt = clock.GetUtcNow().UtcDateTime,
                OwnerId = actor == Actor.System ? null : actor.UserId,
                ShowResultsLive = source.Room.ShowResultsLive,
                ShowOpensVoting = source.ShowOpensVoting,
                RoomLanguages = source.Room.Languages is { } languages ? RoomLanguages.Write(languages) : null,
                // The camps and what the projector shows of them; nobody in the copy has chosen one yet.
                AsksCamp = source.CampSettings.Ask,
                CampList = Camps.CampList.Write(source.CampSettings.Camps),
                ProjectorShowsCamps = source.CampSettings.SplitOnProjector,
                ProjectorShowsWords = source.CampSettings.WordsOnProjector,
            };
            ctx.Sessions.Add(copy);
            ctx.Scenarios.AddRange(source.Deck.Select(d => new Scenario
            {
                Id = Guid.NewGuid(),
                SessionId = copy.Id,
                Order = d.Scenario.Order,
                PublicBody = d.Scenario.PublicBody,
                Counterpart = d.Scenario.Counterpart,
                Context = d.Scenario.Context,
                Translations = ScenarioTexts.Write(d.Scenario.Translations),
                Notes = d.Notes,
            }));
            return copy.Id;
        }, ct);
        return await GetAsync(copyId, actor, ct);
    }

    /// <summary>
    /// Shares the session with another facilitator (or organiser) by e-mail: they may then run it and see
    /// its report. Only its owner or an organiser may share it. Sharing twice is harmless; the owner and
    /// unknown e-mails are refused with a message that says so. An ended session may be shared too, for
    /// its report. Publishes <see cref="Live.SessionChanged"/>.
    /// </summary>
    public async Task<RoomView> ShareAsync(Guid sessionId, Actor actor, string? email, CancellationToken ct = default)
    {
        var address = TextInput.Required(email, "E-mail", 256);
        var normalized = address.ToUpperInvariant();
        return await changes.ApplyAsync(sessionId, actor, async (ctx, session) =>
        {
            SessionAccess.EnsureMayShare(session.OwnerId, actor);
            var user = await ctx.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => new { u.Id }).FirstOrDefaultAsync(ct)
                ?? throw new DomainException(DomainError.InvalidInput, $"No account has the e-mail {address}. An organiser can add one under Accounts.").Says("noAccountFor", ("address", address));
            if (user.Id == session.OwnerId)
            {
                throw new DomainException(DomainError.InvalidInput, $"{address} owns this session already.").Says("ownsAlready", ("address", address));
            }

            if (!await ctx.SessionShares.AnyAsync(s => s.SessionId == sessionId && s.UserId == user.Id, ct))
            {
                ctx.SessionShares.Add(new SessionShare { SessionId = sessionId, UserId = user.Id, SharedAt = clock.GetUtcNow().UtcDateTime });
            }
        }, ct, allowWhenEnded: true);
    }

    /// <summary>Stops sharing the session with a co-facilitator: from their next call on, they may no longer run it or see its report.</summary>
    public Task<RoomView> UnshareAsync(Guid sessionId, Actor actor, string userId, CancellationToken ct = default) =>
        changes.ApplyAsync(sessionId, actor, async (ctx, session) =>
        {
            SessionAccess.EnsureMayShare(session.OwnerId, actor);
            var share = await ctx.SessionShares.FirstOrDefaultAsync(s => s.SessionId == sessionId && s.UserId == userId, ct);
            if (share is not null)
            {
                ctx.SessionShares.Remove(share);
            }
        }, ct, allowWhenEnded: true);

    /// <summary>Deletes a session with its deck, participants and votes. There is no undo: the pages ask first.</summary>
    public async Task DeleteAsync(Guid sessionId, Actor actor, CancellationToken ct = default)
    {
        await db.WriteAsync(async ctx =>
        {
            var session = await ctx.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId, ct)
                ?? throw new DomainException(DomainError.NotFound, "That session does not exist.").Says("sessionMissing");
            await SessionAccess.EnsureMayRunAsync(ctx, sessionId, session.OwnerId, actor, ct);
            SessionAccess.EnsureMayShare(session.OwnerId, actor);
            await ctx.SessionShares.Where(sh => sh.SessionId == sessionId).ExecuteDeleteAsync(ct);
            await ctx.VoteChanges.Where(c => ctx.Scenarios.Any(s => s.Id == c.ScenarioId && s.SessionId == sessionId)).ExecuteDeleteAsync(ct);
            await ctx.Votes.Where(v => ctx.Scenarios.Any(s => s.Id == v.ScenarioId && s.SessionId == sessionId)).ExecuteDeleteAsync(ct);
            await ctx.Participants.Where(p => p.SessionId == sessionId).ExecuteDeleteAsync(ct);
            await ctx.Scenarios.Where(s => s.SessionId == sessionId).ExecuteDeleteAsync(ct);
            ctx.Sessions.Remove(session);
            return true;
        }, ct);
    }

    /// <summary>
    /// Deletes every session created before <paramref name="cutoff"/> that is not live, with all its
    /// data, as <see cref="DeleteAsync"/> does. Returns how many were deleted. Used by the retention setting.
    /// </summary>
    public async Task<int> DeleteCreatedBeforeAsync(DateTime cutoff, CancellationToken ct = default)
    {
        List<Guid> old;
        await using (var ctx = await db.ReadAsync(ct))
        {
            old = await ctx.Sessions.AsNoTracking()
                .Where(s => s.CreatedAt < cutoff && s.Phase != SessionPhase.Live)
                .Select(s => s.Id)
                .ToListAsync(ct);
        }

        foreach (var id in old)
        {
            await DeleteAsync(id, Actor.System, ct);
        }

        return old.Count;
    }

    private static async Task<string> FreeCodeAsync(SnogDbContext ctx, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            // After a few collisions the five-letter space is crowded: use six letters.
            var code = JoinCode.Generate(attempt < 10 ? JoinCode.MinLength : JoinCode.MaxLength);
            if (!await ctx.Sessions.AnyAsync(s => s.JoinCode == code && s.Phase != SessionPhase.Ended, ct))
            {
                return code;
            }
        }

        throw new InvalidOperationException("Could not find a free join code.");
    }
}
