using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace SnogMarryAvoid.Core.Persistence;

/// <summary>
/// One value from one statement, as <c>ExecuteSql</c> sends a statement: EF Core's own command, parameters typed by
/// the engine's mappings (a <see cref="Guid"/> is text on SQLite), the context's connection and transaction, its
/// logging and interceptors; but without a query. <c>Database.SqlQuery</c> wraps the statement in a LINQ query that
/// EF Core looks up in its query cache and runs through its query pipeline on every call: on the vote path, for the
/// one number a batch takes, that was more work than the statement.
/// </summary>
internal static class RawScalar
{
    public static async Task<long> Int64Async(this DbContext ctx, FormattableString sql, CancellationToken ct = default)
    {
        var command = ctx.GetService<IRawSqlCommandBuilder>().Build(sql.Format, sql.GetArguments()!, ctx.Model);
        var value = await command.RelationalCommand.ExecuteScalarAsync(
            new RelationalCommandParameterObject(
                ctx.GetService<IRelationalConnection>(),
                command.ParameterValues,
                readerColumns: null,
                ctx,
                ctx.GetService<IRelationalCommandDiagnosticsLogger>(),
                CommandSource.ExecuteSqlRaw),
            ct);
        return value is null or DBNull
            ? throw new InvalidOperationException("The statement returned no value.")
            : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
