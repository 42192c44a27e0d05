using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace SnogMarryAvoid.LoadTest;

/// <summary>
/// A phone as the load tool plays it: a hub client of its own, written from the documented contract
/// (docs/realtime-api.md) rather than the SignalR client library: one WebSocket to <c>/hubs/session</c> without the
/// negotiate request, SignalR's JSON hub protocol (a handshake, then invocations and their completions, each ending
/// with the record separator 0x1E), a ping every 15 s so the server keeps it. It costs the tool a fraction of a
/// library connection's CPU and memory, so one process can play 19,000 phones and the server, not the tool, is
/// what a run measures. Events the server sends are counted by name, not read.
/// </summary>
public sealed class LitePhone : IPhone
{
    private const byte Separator = 0x1e;
    private static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e");
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");

    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _calls = new();
    private readonly Action<string>? _heard;
    private int _nextCall;
    private Task? _receiving;

    private LitePhone(Action<string>? heard) => _heard = heard;

    /// <summary>Connects to the hub of <paramref name="server"/> and shakes hands; <paramref name="heard"/> is told the name of every event it is sent.</summary>
    public static async Task<LitePhone> ConnectAsync(Uri server, HttpMessageInvoker? source, bool trustAnyCertificate, Action<string>? heard, CancellationToken ct)
    {
        var phone = new LitePhone(heard);
        phone._socket.Options.KeepAliveInterval = TimeSpan.Zero;
        // With a source address the invoker's handler already trusts (Facilitator.From); the socket may not say so too.
        if (trustAnyCertificate && source is null)
        {
            phone._socket.Options.RemoteCertificateValidationCallback = delegate { return true; };
        }
        var hub = new UriBuilder(new Uri(server, "/hubs/session")) { Scheme = server.Scheme == "https" ? "wss" : "ws" }.Uri;
        try
        {
            if (source is null)
            {
                await phone._socket.ConnectAsync(hub, ct);
            }
            else
            {
                await phone._socket.ConnectAsync(hub, source, ct);
            }

            await phone._socket.SendAsync(Handshake, WebSocketMessageType.Text, true, ct);
            var answer = await phone.ReceiveMessageAsync(ct) ?? throw new InvalidOperationException("The hub closed the connection during the handshake.");
            using var handshake = JsonDocument.Parse(answer.AsMemory(0, answer.Length - 1));
            if (handshake.RootElement.TryGetProperty("error", out var error))
            {
                throw new InvalidOperationException($"The hub refused the handshake: {error.GetString()}");
            }

            phone._receiving = Task.Run(() => phone.ReceiveLoopAsync());
            return phone;
        }
        catch
        {
            await phone.DisposeAsync();
            throw;
        }
    }

    /// <summary>Calls a hub method and returns its result as JSON; a refusal throws with the hub's "Code: explanation".</summary>
    public async Task<JsonElement> InvokeAsync(string method, object?[] arguments, CancellationToken ct)
    {
        var id = Interlocked.Increment(ref _nextCall);
        var done = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _calls[id] = done;
        var message = JsonSerializer.SerializeToUtf8Bytes(new { type = 1, invocationId = id.ToString(System.Globalization.CultureInfo.InvariantCulture), target = method, arguments }, FleetWorker.Json);
        await SendAsync(message, appendSeparator: true, ct);
        using var cancel = ct.Register(() => done.TrySetCanceled(ct));
        return await done.Task;
    }

    /// <summary>Tells the server this phone is still here (its timeout is 30 s of silence).</summary>
    public Task PingAsync(CancellationToken ct) => _socket.State == WebSocketState.Open ? SendAsync(Ping, appendSeparator: false, ct) : Task.CompletedTask;

    private async Task SendAsync(byte[] message, bool appendSeparator, CancellationToken ct)
    {
        await _sending.WaitAsync(ct);
        try
        {
            if (appendSeparator)
            {
                var framed = new byte[message.Length + 1];
                message.CopyTo(framed, 0);
                framed[^1] = Separator;
                message = framed;
            }

            await _socket.SendAsync(message, WebSocketMessageType.Text, true, ct);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (await ReceiveMessageAsync(CancellationToken.None) is { } frame)
            {
                var start = 0;
                for (var i = 0; i < frame.Length; i++)
                {
                    if (frame[i] == Separator)
                    {
                        Handle(frame.AsSpan(start, i - start));
                        start = i + 1;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            foreach (var call in _calls.Values)
            {
                call.TrySetException(new InvalidOperationException("The connection closed before the hub answered."));
            }
        }
    }

    private void Handle(ReadOnlySpan<byte> message)
    {
        var reader = new Utf8JsonReader(message);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        switch (root.GetProperty("type").GetInt32())
        {
            case 1:
                _heard?.Invoke(root.GetProperty("target").GetString()!);
                break;
            case 3 when int.TryParse(root.GetProperty("invocationId").GetString(), out var id) && _calls.TryRemove(id, out var call):
                if (root.TryGetProperty("error", out var error))
                {
                    call.TrySetException(new InvalidOperationException(error.GetString()));
                }
                else
                {
                    call.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : default);
                }

                break;
            case 7:
                _socket.Abort();
                break;
        }
    }

    /// <summary>One whole WebSocket message, or null when the server closed the connection. A small buffer while idle.</summary>
    private async Task<byte[]?> ReceiveMessageAsync(CancellationToken ct)
    {
        var rented = ArrayPool<byte>.Shared.Rent(1024);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == rented.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(rented.Length * 2);
                    rented.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(rented);
                    rented = bigger;
                }

                var result = await _socket.ReceiveAsync(rented.AsMemory(length), ct);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                length += result.Count;
                if (result.EndOfMessage)
                {
                    return rented.AsSpan(0, length).ToArray();
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }

        _socket.Abort();
        if (_receiving is not null)
        {
            await _receiving;
        }

        _socket.Dispose();
        _sending.Dispose();
    }
}

/// <summary>A phone of the load tool: a hub client that calls the hub's methods and tells what it hears.</summary>
public interface IPhone : IAsyncDisposable
{
    Task<JsonElement> InvokeAsync(string method, object?[] arguments, CancellationToken ct);

    Task PingAsync(CancellationToken ct);
}

/// <summary>
/// A phone on SignalR's own client library, for <c>--long-polling</c> (the tool's own client speaks WebSockets only):
/// heavier, and what the tool used before it had <see cref="LitePhone"/>.
/// </summary>
public sealed class LibraryPhone(Microsoft.AspNetCore.SignalR.Client.HubConnection connection) : IPhone
{
    public static async Task<LibraryPhone> ConnectAsync(LoadOptions options, Uri server, Action<string> heard, CancellationToken ct)
    {
        var connection = Facilitator.Connection(options, server, null, null);
        Microsoft.AspNetCore.SignalR.Client.HubConnectionExtensions.On<JsonElement, long>(connection, "ResultsChanged", (_, _) => heard("ResultsChanged"));
        Microsoft.AspNetCore.SignalR.Client.HubConnectionExtensions.On<JsonElement>(connection, "SessionChanged", _ => heard("SessionChanged"));
        await connection.StartAsync(ct);
        return new LibraryPhone(connection);
    }

    public async Task<JsonElement> InvokeAsync(string method, object?[] arguments, CancellationToken ct) =>
        (JsonElement)(await connection.InvokeCoreAsync(method, typeof(JsonElement), arguments, ct))!;

    public Task PingAsync(CancellationToken ct) => Task.CompletedTask;

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}

public static class PhoneExtensions
{
    public static async Task<T> InvokeAsync<T>(this IPhone phone, string method, object?[] arguments, CancellationToken ct) =>
        (await phone.InvokeAsync(method, arguments, ct)).Deserialize<T>(FleetWorker.Json)!;
}
