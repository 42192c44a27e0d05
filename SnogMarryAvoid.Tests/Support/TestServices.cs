namespace SnogMarryAvoid.Tests.Support;

/// <summary>
/// The outside services the tests use. ./test.sh installs and starts them and exports where they
/// are; run through it (or set the variables yourself) rather than calling dotnet test bare.
/// </summary>
public static class TestServices
{
    public const string PostgresVariable = "SMA_TEST_POSTGRES";
    public const string ChromiumVariable = "SMA_TEST_CHROMIUM";

    /// <summary>A connection string to the test PostgreSQL server, for a database of this name.</summary>
    public static string PostgresConnectionString(string database)
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{PostgresVariable} is not set: run the tests with ./test.sh, which starts PostgreSQL on 127.0.0.1 and sets it.");
        }

        return $"{server};Database={database}";
    }

    public const string RedisServerVariable = "SMA_TEST_REDIS_SERVER";

    /// <summary>The redis-server binary that tests start their own servers with.</summary>
    public static string RedisServerPath =>
        Environment.GetEnvironmentVariable(RedisServerVariable) is { Length: > 0 } path ? path
        : File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server"
        : throw new InvalidOperationException($"redis-server was not found: run the tests with ./test.sh, which installs it, or set {RedisServerVariable}.");

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";
}
