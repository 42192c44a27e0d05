using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SnogMarryAvoid.Core.Live;

/// <summary>
/// The scale-out engine: every event is delivered to this server's subscribers at once, then published
/// on the deployment's Redis channel (<see cref="RedisOptions.Channel"/>), from which every other server
/// of the same deployment delivers it to its own subscribers (marked with
/// <see cref="SessionEvent.Origin"/>). Redis only carries news; the database holds the truth. While
/// Redis is away each server keeps serving its own clients from its own events, and when Redis comes
/// back <see cref="Restored"/> fires so the servers re-read the database and publish it again.
/// </summary>
public sealed class RedisSessionEvents : ISessionEvents, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly InProcessSessionEvents _local;
    private readonly IConnectionMultiplexer _redis;
    private readonly ILogger<RedisSessionEvents> _logger;
    private readonly RedisChannel _channel;
    private int _failing;

    public RedisSessionEvents(IConnectionMultiplexer redis, ILoggerFactory loggers, IOptions<RedisOptions> options)
    {
        _channel = RedisChannel.Literal(options.Value.Channel);
        _local = new InProcessSessionEvents(loggers.CreateLogger<InProcessSessionEvents>());
        _redis = redis;
        _logger = loggers.CreateLogger<RedisSessionEvents>();
        _redis.ConnectionFailed += OnConnectionFailed;
        _redis.ConnectionRestored += OnConnectionRestored;
        SubscribeToOthers();
    }

    /// <summary>
    /// Listens to the other servers, once for the life of this server. Redis may be away when this server starts
    /// (or slow to answer, on a busy machine): the server starts anyway, serving its own rooms. The handler is
    /// registered with the connection even when the call throws, and the connection subscribes it to Redis by
    /// itself once Redis is reachable, and again after every reconnection; subscribing again here would register
    /// a second handler and hear every event twice.
    /// </summary>
    private void SubscribeToOthers()
    {
        try
        {
            _redis.GetSubscriber().Subscribe(_channel, (_, message) => ReceiveInBackground(message));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogWarning("Redis is not reachable yet ({Reason}): live events stay on this server until it is", ex.Message);
        }
    }

    /// <summary>This server's name on the channel: its own messages come back and are skipped.</summary>
    public string ServerId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Raised when the connection to Redis comes back after a failure.</summary>
    public event Action? Restored;

    /// <summary>Whether events currently reach the other servers, and theirs reach this one.</summary>
    public bool IsConnected
    {
        get
        {
            var subscriber = _redis.GetSubscriber();
            return _redis.IsConnected && Volatile.Read(ref _failing) == 0
                && subscriber.SubscribedEndpoint(_channel) is not null && subscriber.IsConnected(_channel);
        }
    }

    /// <summary>
    /// Delivers here, then hands the event to Redis without waiting for it: a slow or absent Redis never
    /// slows a vote or a facilitator's click. Receivers order events by revision and sequence number.
    /// </summary>
    public async Task PublishAsync(SessionEvent sessionEvent)
    {
        await _local.PublishAsync(sessionEvent);
        if (sessionEvent.Origin is null)
        {
            _ = PublishToOthersAsync(sessionEvent);
        }
    }

    private async Task PublishToOthersAsync(SessionEvent sessionEvent)
    {
        try
        {
            var payload = JsonSerializer.Serialize(new Envelope(ServerId, sessionEvent), Json);
            await _redis.GetSubscriber().PublishAsync(_channel, payload);
            if (Interlocked.Exchange(ref _failing, 0) == 1)
            {
                _logger.LogInformation("Publishing live events to Redis works again");
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            if (Interlocked.Exchange(ref _failing, 1) == 0)
            {
                _logger.LogWarning(ex, "Redis is unreachable: live events stay on this server until it returns");
            }
        }
    }

    public IDisposable Subscribe(Guid sessionId, Func<SessionEvent, Task> handler) => _local.Subscribe(sessionId, handler);

    public IDisposable SubscribeAll(Func<SessionEvent, Task> handler) => _local.SubscribeAll(handler);

    private void ReceiveInBackground(RedisValue message) => ReceiveAsync(message).ContinueWith(
        t => _logger.LogWarning(t.Exception, "Delivering an event from Redis failed"), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    private async Task ReceiveAsync(RedisValue message)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>((string)message!, Json);
            if (envelope is { Event: { } sessionEvent } && envelope.Server != ServerId)
            {
                await _local.PublishAsync(sessionEvent with { Origin = envelope.Server });
            }
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "An event from Redis could not be read; it was skipped");
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            _logger.LogWarning("Lost the connection to Redis ({FailureType}): each server now serves only its own clients; it will reconnect by itself", e.FailureType);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            Volatile.Write(ref _failing, 0);
            _logger.LogInformation("Reconnected to Redis: re-publishing every live session from the database");
            Restored?.Invoke();
        }
    }

    public void Dispose()
    {
        _redis.ConnectionFailed -= OnConnectionFailed;
        _redis.ConnectionRestored -= OnConnectionRestored;
    }

    private sealed record Envelope(string Server, SessionEvent Event);
}
