using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using SnogMarryAvoid.Core.Settings;

namespace SnogMarryAvoid.Core.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    Postgres,
}

/// <summary>The <c>Database</c> section, the connection string <c>ConnectionStrings:Default</c> and the <c>DataFolder</c>.</summary>
public sealed class DatabaseOptions : ISettings
{
    public static string Section => "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The database's connection string; for SQLite, unset means a file in the data folder.</summary>
    [SettingKey("ConnectionStrings:Default")]
    [SettingForm("a connection string for the provider (required for SqlServer and Postgres)")]
    public string? ConnectionString { get; set; }

    /// <summary>Where the SQLite file goes, relative to the app's folder; unset means <c>App_Data</c> beside the app.</summary>
    [SettingKey("DataFolder")]
    [SettingForm("a folder path")]
    public string? DataFolder { get; set; }

    /// <summary>
    /// Whether the app brings its own schema up to date when it starts. Off, for a change process in
    /// which a person applies the scripts in <c>deploy/sql/</c>: the app then never changes the schema,
    /// and <c>/healthz/ready</c> names the migrations still to apply.
    /// </summary>
    public bool MigrateAtStartup { get; set; } = true;

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            if (Provider != DatabaseProvider.Sqlite)
            {
                yield return $"ConnectionStrings:Default is not set: expected a {Provider} connection string, since Database:Provider is {Provider}.";
            }

            yield break;
        }

        string? problem = null;
        try
        {
            DbConnectionStringBuilder builder = Provider switch
            {
                DatabaseProvider.Sqlite => new SqliteConnectionStringBuilder(ConnectionString),
                DatabaseProvider.SqlServer => new SqlConnectionStringBuilder(ConnectionString),
                _ => new NpgsqlConnectionStringBuilder(ConnectionString),
            };
            _ = builder.ConnectionString;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            problem = ex.Message;
        }

        if (problem is not null)
        {
            // The value itself is not repeated: it may hold a password.
            yield return $"ConnectionStrings:Default is not a {Provider} connection string ({problem}): expected a connection string for the provider.";
        }
    }
}
