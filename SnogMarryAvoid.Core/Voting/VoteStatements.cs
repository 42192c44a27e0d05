using System.Collections.Concurrent;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SnogMarryAvoid.Core.Persistence;

namespace SnogMarryAvoid.Core.Voting;

/// <summary>
/// A vote batch's writes as plain statements in the batch's transaction: new votes in multi-row <c>INSERT</c>s,
/// changed votes as <c>UPDATE</c>s by key, changes of mind in multi-row <c>INSERT</c>s, each command holding at most
/// <see cref="MaxParameters"/> parameters (SQL Server takes 2,100). Table and column names come from the model and
/// are quoted by the engine's own rules; values are parameters typed by the engine's own mappings, so a row
/// written here reads back through EF Core as one it wrote itself. EF Core's change tracker and <c>SaveChanges</c>
/// did the same work at several times the CPU for a batch of one vote (docs/benchmarks.md, "CPU per vote").
/// </summary>
internal static class VoteStatements
{
    public const int MaxParameters = 1000;

    private static readonly ConcurrentDictionary<Type, Texts> ByContext = new();

    /// <summary>One engine's statement texts: a prefix and a row of <c>{n}</c> slots filled from the row's first parameter.</summary>
    private sealed record Texts(string InsertVote, Func<int, string> VoteRow, Func<int, string> UpdateVote, string InsertChange, Func<int, string> ChangeRow);

    /// <summary>Writes <paramref name="inserted"/> and <paramref name="updated"/> (each vote once, with its final values) and the changes of mind.</summary>
    public static async Task WriteAsync(SnogDbContext ctx, IReadOnlyCollection<Vote> inserted, IReadOnlyCollection<Vote> updated, IReadOnlyCollection<VoteChange> changes)
    {
        var texts = ByContext.GetOrAdd(ctx.GetType(), _ => Build(ctx));
        var command = new Command(ctx);

        foreach (var vote in inserted)
        {
            await command.RowAsync(texts.InsertVote, texts.VoteRow, vote.Id, vote.ScenarioId, vote.ParticipantId, (int)vote.Choice, vote.CastAt, vote.UpdatedAt, vote.Sequence);
        }

        await command.FlushAsync();
        foreach (var vote in updated)
        {
            await command.StatementAsync(texts.UpdateVote, (int)vote.Choice, vote.UpdatedAt, vote.Sequence, vote.Id);
        }

        await command.FlushAsync();
        foreach (var change in changes)
        {
            await command.RowAsync(texts.InsertChange, texts.ChangeRow, change.Id, change.ScenarioId, change.ParticipantId, (int)change.From, (int)change.To, change.ChangedAt);
        }

        await command.FlushAsync();
    }

    /// <summary>The engine's statements for one row of each kind, as they are sent (for tests and the curious).</summary>
    internal static string SqlOf(SnogDbContext ctx)
    {
        var texts = ByContext.GetOrAdd(ctx.GetType(), _ => Build(ctx));
        return $"{texts.InsertVote}{texts.VoteRow(0)};\n{texts.UpdateVote(7)};\n{texts.InsertChange}{texts.ChangeRow(11)}";
    }

    private static Texts Build(SnogDbContext ctx)
    {
        var sql = ctx.GetService<ISqlGenerationHelper>();
        var types = ctx.GetService<IRelationalTypeMappingSource>();
        var no = types.FindMapping(typeof(bool))!.GenerateSqlLiteral(false);

        (string Table, Func<string, string> Column) Of<T>()
        {
            var entity = ctx.Model.FindEntityType(typeof(T))!;
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            return (sql.DelimitIdentifier(table.Name, table.Schema), name => sql.DelimitIdentifier(entity.FindProperty(name)!.GetColumnName(table)!));
        }

        static Func<int, string> Row(int count, string? tail = null) =>
            first => $"({string.Join(", ", Enumerable.Range(first, count).Select(i => $"{{{i}}}"))}{tail})";

        var (votes, v) = Of<Vote>();
        var (changes, c) = Of<VoteChange>();
        return new Texts(
            $"INSERT INTO {votes} ({v(nameof(Vote.Id))}, {v(nameof(Vote.ScenarioId))}, {v(nameof(Vote.ParticipantId))}, {v(nameof(Vote.Choice))}, " +
            $"{v(nameof(Vote.CastAt))}, {v(nameof(Vote.UpdatedAt))}, {v(nameof(Vote.Sequence))}, {v(nameof(Vote.ReasonHidden))}, {v(nameof(Vote.ReasonSpotlighted))}) VALUES ",
            Row(7, $", {no}, {no}"),
            first => $"UPDATE {votes} SET {v(nameof(Vote.Choice))} = {{{first}}}, {v(nameof(Vote.UpdatedAt))} = {{{first + 1}}}, " +
                $"{v(nameof(Vote.Sequence))} = {{{first + 2}}} WHERE {v(nameof(Vote.Id))} = {{{first + 3}}}",
            $"INSERT INTO {changes} ({c(nameof(VoteChange.Id))}, {c(nameof(VoteChange.ScenarioId))}, {c(nameof(VoteChange.ParticipantId))}, " +
            $"{c(nameof(VoteChange.From))}, {c(nameof(VoteChange.To))}, {c(nameof(VoteChange.ChangedAt))}) VALUES ",
            Row(6));
    }

    /// <summary>One command being filled: rows of one INSERT, or whole statements, sent when the next would pass the limit.</summary>
    private sealed class Command(SnogDbContext ctx)
    {
        private readonly StringBuilder _text = new();
        private readonly List<object> _values = [];
        private string? _insert;

        public async Task RowAsync(string insert, Func<int, string> row, params object[] values)
        {
            if (_values.Count + values.Length > MaxParameters)
            {
                await FlushAsync();
            }

            _text.Append(_insert is null ? insert : ", ");
            _insert = insert;
            _text.Append(row(_values.Count));
            _values.AddRange(values);
        }

        public async Task StatementAsync(Func<int, string> statement, params object[] values)
        {
            if (_values.Count + values.Length > MaxParameters)
            {
                await FlushAsync();
            }

            if (_text.Length > 0)
            {
                _text.Append(";\n");
            }

            _text.Append(statement(_values.Count));
            _values.AddRange(values);
        }

        public async Task FlushAsync()
        {
            if (_text.Length > 0)
            {
                await ctx.Database.ExecuteSqlRawAsync(_text.ToString(), _values);
            }

            _text.Clear();
            _values.Clear();
            _insert = null;
        }
    }
}
