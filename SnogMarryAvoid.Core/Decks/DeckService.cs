using Microsoft.EntityFrameworkCore;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;

namespace SnogMarryAvoid.Core.Decks;

/// <summary>
/// Building a session's deck: adding, editing, removing and reordering scenarios. An ended session's
/// deck no longer changes (<see cref="DomainError.SessionEnded"/>).
/// </summary>
public sealed class DeckService(SessionChanges changes, TimeProvider clock)
{
    /// <summary>
    /// Appends scenarios to the deck. Each needs a public body and a counterpart (at most
    /// <see cref="Scenario.MaxPartyLength"/> characters); context and presenter notes are optional. An invalid entry
    /// rejects the whole batch, naming its position. Publishes <see cref="SessionChanged"/>.
    /// </summary>
    public Task<IReadOnlyList<ScenarioView>> AddAsync(Guid sessionId, Actor actor, IReadOnlyList<DeckEntry> entries, CancellationToken ct = default) =>
        AddAsync(sessionId, actor, entries, camps: null, ct);

    private async Task<IReadOnlyList<ScenarioView>> AddAsync(Guid sessionId, Actor actor, IReadOnlyList<DeckEntry> entries, IReadOnlyList<Camps.Camp>? camps, CancellationToken ct)
    {
        var clean = entries.Select((e, i) => Clean(e, entries.Count > 1 ? i + 1 : null)).ToList();
        var added = new List<Scenario>();
        await changes.ApplyAsync(sessionId, actor, async (ctx, session) =>
        {
            // A deck that carries camps turns the question on with them, in the same change.
            if (camps is not null)
            {
                await Camps.CampService.ApplyAsync(ctx, session, Camps.CampList.Of(session) with { Ask = true, Camps = camps, SplitOnProjector = true }, ct);
            }

            var last = await ctx.Scenarios.Where(s => s.SessionId == sessionId).MaxAsync(s => (int?)s.Order, ct) ?? 0;
            foreach (var entry in clean)
            {
                var scenario = new Scenario
                {
                    Id = Guid.NewGuid(),
                    SessionId = sessionId,
                    Order = ++last,
                    PublicBody = entry.PublicBody,
                    Counterpart = entry.Counterpart,
                    Context = entry.Context,
                    Translations = ScenarioTexts.Write(entry.Translations),
                    Notes = entry.Notes,
                    State = ScenarioState.Pending,
                };
                ctx.Scenarios.Add(scenario);
                added.Add(scenario);
            }
        }, ct);
        return added.Select(ScenarioView.From).ToList();
    }

    /// <summary>Appends one scenario; see <see cref="AddAsync(Guid, Actor, IReadOnlyList{DeckEntry}, CancellationToken)"/>.</summary>
    public async Task<ScenarioView> AddAsync(Guid sessionId, Actor actor, string? publicBody, string? counterpart, string? context, CancellationToken ct = default) =>
        (await AddAsync(sessionId, actor, [new DeckEntry(publicBody!, counterpart!, context)], ct))[0];

    /// <summary>Appends the built-in deck (<see cref="BuiltInDeck"/>).</summary>
    public Task<IReadOnlyList<ScenarioView>> AddBuiltInAsync(Guid sessionId, Actor actor, CancellationToken ct = default) =>
        AddAsync(sessionId, actor, BuiltInDeck.Entries, ct);

    /// <summary>The deck as entries, for export.</summary>
    public static IReadOnlyList<DeckEntry> Entries(ManagerView session) =>
        session.Deck.Select(d => new DeckEntry(d.Scenario.PublicBody, d.Scenario.Counterpart, d.Scenario.Context, d.Notes, d.Scenario.Translations)).ToList();

    /// <summary>
    /// Sets a scenario's presenter notes (null or blank clears them), in any state: they are for
    /// facilitators only, so correcting them never touches what the room has seen or voted on.
    /// </summary>
    public Task<RoomView> SetNotesAsync(Guid sessionId, Guid scenarioId, Actor actor, string? notes, CancellationToken ct = default)
    {
        var clean = TextInput.Clean(notes, "Notes", Scenario.MaxNotesLength, required: false, allowLineBreaks: true);
        return changes.ApplyAsync(sessionId, actor, async (ctx, _) =>
        {
            var scenario = await ctx.Scenarios.FirstOrDefaultAsync(s => s.Id == scenarioId && s.SessionId == sessionId, ct)
                ?? throw new DomainException(DomainError.ScenarioNotInSession, "That scenario is not in this session.").Says("scenarioNotHere");
            scenario.Notes = clean;
        }, ct);
    }

    /// <summary>
    /// Appends the scenarios of a deck file (see <see cref="DeckFile.ReadDeck"/>); a file with any problem adds
    /// nothing. A deck with camps also sets them and turns the question on.
    /// </summary>
    public Task<IReadOnlyList<ScenarioView>> ImportAsync(Guid sessionId, Actor actor, string fileName, byte[] content, CancellationToken ct = default)
    {
        var deck = DeckFile.ReadDeck(fileName, content);
        return AddAsync(sessionId, actor, deck.Scenarios, deck.Camps, ct);
    }

    /// <summary>
    /// Corrects a scenario's English text (its notes and translations are kept). A pending scenario nobody has voted on changes
    /// quietly; one whose voting has opened keeps its votes and is marked as edited, so the report can say
    /// so. The correction reaches phones and the projector with the <see cref="SessionChanged"/> it publishes.
    /// </summary>
    public Task<RoomView> EditAsync(Guid sessionId, Guid scenarioId, Actor actor, string? publicBody, string? counterpart, string? context, CancellationToken ct = default) =>
        EditAsync(sessionId, scenarioId, actor, new DeckEntry(publicBody!, counterpart!, context), keepNotes: true, ct);

    /// <summary>Corrects a scenario's text and sets its presenter notes and translations; see the other overload.</summary>
    public Task<RoomView> EditAsync(Guid sessionId, Guid scenarioId, Actor actor, DeckEntry entry, CancellationToken ct = default) =>
        EditAsync(sessionId, scenarioId, actor, entry, keepNotes: false, ct);

    private Task<RoomView> EditAsync(Guid sessionId, Guid scenarioId, Actor actor, DeckEntry entry, bool keepNotes, CancellationToken ct)
    {
        var clean = Clean(entry, null);
        return changes.ApplyAsync(sessionId, actor, async (ctx, session) =>
        {
            var scenario = await ctx.Scenarios.FirstOrDefaultAsync(s => s.Id == scenarioId && s.SessionId == session.Id, ct)
                ?? throw new DomainException(DomainError.ScenarioNotInSession, "That scenario is not in this session.").Says("scenarioNotHere");
            if (ScenarioRules.WhyNotEdit(session.Phase) is { } refusal)
            {
                throw refusal;
            }

            var translations = keepNotes ? scenario.Translations : ScenarioTexts.Write(clean.Translations);
            var textChanges = (scenario.PublicBody, scenario.Counterpart, scenario.Context, scenario.Translations) != (clean.PublicBody, clean.Counterpart, clean.Context, translations);
            if (textChanges && (scenario.State != ScenarioState.Pending || await ctx.Votes.AnyAsync(v => v.ScenarioId == scenarioId, ct)))
            {
                scenario.EditedAt = clock.GetUtcNow().UtcDateTime;
            }

            (scenario.PublicBody, scenario.Counterpart, scenario.Context, scenario.Translations) = (clean.PublicBody, clean.Counterpart, clean.Context, translations);
            if (!keepNotes)
            {
                scenario.Notes = clean.Notes;
            }
        }, ct);
    }

    /// <summary>Removes a scenario that has not been opened; the ones after it move up. Publishes <see cref="SessionChanged"/>.</summary>
    public Task<RoomView> RemoveAsync(Guid sessionId, Guid scenarioId, Actor actor, CancellationToken ct = default) =>
        changes.ApplyAsync(sessionId, actor, async (ctx, session) =>
        {
            var scenario = await PendingAsync(ctx, session, scenarioId, "removed", ct);
            if (session.CurrentScenarioId == scenarioId)
            {
                session.CurrentScenarioId = null;
            }

            ctx.Scenarios.Remove(scenario);
            await Renumber(ctx, sessionId, exclude: scenarioId, ct);
        }, ct);

    /// <summary>Moves a scenario to a new position (1 = first) in the deck. Publishes <see cref="SessionChanged"/>.</summary>
    public Task<RoomView> MoveAsync(Guid sessionId, Guid scenarioId, int position, Actor actor, CancellationToken ct = default) =>
        changes.ApplyAsync(sessionId, actor, async (ctx, _) =>
        {
            var deck = await ctx.Scenarios.Where(s => s.SessionId == sessionId).OrderBy(s => s.Order).ToListAsync(ct);
            var moving = deck.FirstOrDefault(s => s.Id == scenarioId)
                ?? throw new DomainException(DomainError.ScenarioNotInSession, "That scenario is not in this session.").Says("scenarioNotHere");
            deck.Remove(moving);
            deck.Insert(Math.Clamp(position, 1, deck.Count + 1) - 1, moving);
            for (var i = 0; i < deck.Count; i++)
            {
                deck[i].Order = i + 1;
            }
        }, ct);

    private static async Task Renumber(SnogDbContext ctx, Guid sessionId, Guid exclude, CancellationToken ct)
    {
        var rest = await ctx.Scenarios.Where(s => s.SessionId == sessionId && s.Id != exclude).OrderBy(s => s.Order).ToListAsync(ct);
        for (var i = 0; i < rest.Count; i++)
        {
            rest[i].Order = i + 1;
        }
    }

    private static async Task<Scenario> PendingAsync(SnogDbContext ctx, Session session, Guid scenarioId, string verb, CancellationToken ct)
    {
        var scenario = await ctx.Scenarios.FirstOrDefaultAsync(s => s.Id == scenarioId && s.SessionId == session.Id, ct)
            ?? throw new DomainException(DomainError.ScenarioNotInSession, "That scenario is not in this session.").Says("scenarioNotHere");
        var hasVotes = await ctx.Votes.AnyAsync(v => v.ScenarioId == scenarioId, ct);
        return ScenarioRules.WhyNotChangeText(session.Phase, scenario.State, hasVotes, verb) is { } refusal ? throw refusal : scenario;
    }

    /// <summary>Checks an entry; a refusal of one of several says which (<paramref name="number"/>, from 1).</summary>
    private static DeckEntry Clean(DeckEntry entry, int? number)
    {
        try
        {
            return new DeckEntry(
                TextInput.Required(entry.PublicBody, "Public body", Scenario.MaxPartyLength),
                TextInput.Required(entry.Counterpart, "Counterpart", Scenario.MaxPartyLength),
                TextInput.Clean(entry.Context, "Context", Scenario.MaxContextLength, required: false, allowLineBreaks: true),
                TextInput.Clean(entry.Notes, "Notes", Scenario.MaxNotesLength, required: false, allowLineBreaks: true),
                ScenarioTexts.Clean(entry.Translations));
        }
        catch (DomainException ex) when (number is { } n)
        {
            throw new DomainException(ex.Error, $"Scenario {n}: {ex.Message}").Says("inScenario", ("number", $"{n}")).About(ex);
        }
    }
}
