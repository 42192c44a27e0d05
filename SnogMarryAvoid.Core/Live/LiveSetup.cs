using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SnogMarryAvoid.Core.Settings;
using StackExchange.Redis;

namespace SnogMarryAvoid.Core.Live;

public static class LiveSetup
{
    /// <summary>
    /// The notifier: in-process by default; with <c>ConnectionStrings:Redis</c> set (<see cref="RedisOptions"/>),
    /// events also travel over Redis pub/sub between servers, and <see cref="LiveResync"/> catches up after
    /// an outage. The engine is chosen from the validated settings when it is first needed.
    /// </summary>
    public static IServiceCollection AddSnogLive(this IServiceCollection services)
    {
        services.AddSettings<RedisOptions>();
        services.TryAddSingleton<IConnectionMultiplexer>(sp => ConnectRedis(sp.GetRequiredService<IOptions<RedisOptions>>().Value.ConnectionString!));
        services.AddSingleton<InProcessSessionEvents>();
        services.AddSingleton<RedisSessionEvents>();
        services.TryAddSingleton<ISessionEvents>(sp => sp.GetRequiredService<IOptions<RedisOptions>>().Value.Enabled
            ? sp.GetRequiredService<RedisSessionEvents>()
            : sp.GetRequiredService<InProcessSessionEvents>());
        services.AddHostedService<LiveResync>();
        return services;
    }

    /// <summary>
    /// A Redis connection that never blocks start-up and fails fast while Redis is away, so nothing
    /// waits on it; it reconnects by itself. <paramref name="configuration"/> is a StackExchange.Redis
    /// configuration string, e.g. "127.0.0.1:6379".
    /// </summary>
    public static ConnectionMultiplexer ConnectRedis(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 3000);
        options.ReconnectRetryPolicy ??= new LinearRetry(1000);
        options.ClientName ??= "SnogMarryAvoid";
        return ConnectionMultiplexer.Connect(options);
    }
}
