namespace SnogMarryAvoid.Core.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    Postgres,
}

/// <summary>Bound from the <c>Database</c> section; the connection string is <c>ConnectionStrings:Default</c>.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}
