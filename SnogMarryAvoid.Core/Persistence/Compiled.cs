using System.Collections.Concurrent;

namespace SnogMarryAvoid.Core.Persistence;

/// <summary>
/// A query compiled once per kind of context (<see cref="SqliteSnogDbContext"/>, <see cref="PostgresSnogDbContext"/>…):
/// EF binds a compiled query to the model it first ran against, and one process (the tests) may use several.
/// </summary>
public sealed class Compiled<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConcurrentDictionary<Type, TQuery> _byContext = new();

    public TQuery For(SnogDbContext ctx) => _byContext.GetOrAdd(ctx.GetType(), _ => compile());
}
