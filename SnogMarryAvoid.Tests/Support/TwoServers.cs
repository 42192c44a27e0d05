namespace SnogMarryAvoid.Tests.Support;

/// <summary>
/// Two app servers on two real ports sharing one fresh PostgreSQL database and one private
/// redis-server, as behind a load balancer: the scale-out set-up of the tests.
/// </summary>
public sealed class TwoServers : IAsyncDisposable
{
    private TwoServers(RedisServer redis, AppFactory a, AppFactory b) => (Redis, A, B) = (redis, a, b);

    public RedisServer Redis { get; }
    public AppFactory A { get; }
    public AppFactory B { get; }

    public static async Task<TwoServers> StartAsync(Dictionary<string, string>? settings = null)
    {
        var redis = await RedisServer.StartNewAsync();
        var all = new Dictionary<string, string>(settings ?? [])
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = TestServices.PostgresConnectionString($"sma_scale_{Guid.NewGuid():N}"),
            ["ConnectionStrings:Redis"] = redis.Configuration,
        };

        // One after the other: the first applies the migrations, the second finds them applied.
        var a = new AppFactory(realPort: true, settings: all);
        var b = new AppFactory(realPort: true, settings: all);
        return new TwoServers(redis, a, b);
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
