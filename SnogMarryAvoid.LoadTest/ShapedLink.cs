using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace SnogMarryAvoid.LoadTest;

/// <summary>
/// A slow mobile link between one phone and the app, as a TCP relay on 127.0.0.1: every byte each way waits
/// half the round trip, and each direction is limited to its bandwidth, shared by all the phone's
/// connections; a new connection first waits one round trip (the TCP handshake). Unlike Chromium's
/// throttling, which leaves WebSockets alone, it slows the hub connection too.
/// </summary>
public sealed class ShapedLink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly TimeSpan _oneWay;
    private readonly Pace _down;
    private readonly Pace _up;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _relays = [];
    private readonly Task _accepting;

    public ShapedLink(Uri target, TimeSpan roundTrip, double downBitsPerSecond, double upBitsPerSecond)
    {
        _target = new IPEndPoint(Dns.GetHostAddresses(target.Host).First(a => a.AddressFamily == AddressFamily.InterNetwork), target.Port);
        _oneWay = roundTrip / 2;
        _down = new Pace(downBitsPerSecond / 8);
        _up = new Pace(upBitsPerSecond / 8);
        _listener.Start();
        Url = new UriBuilder(target) { Host = "127.0.0.1", Port = ((IPEndPoint)_listener.LocalEndpoint).Port }.Uri;
        _accepting = AcceptAsync();
    }

    /// <summary>The app's address through the link.</summary>
    public Uri Url { get; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient phone;
            try
            {
                phone = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            lock (_relays)
            {
                _relays.Add(RelayAsync(phone));
            }
        }
    }

    private async Task RelayAsync(TcpClient phone)
    {
        using var _ = phone;
        using var app = new TcpClient { NoDelay = true };
        phone.NoDelay = true;
        try
        {
            await Task.Delay(_oneWay * 2, _stop.Token);
            await app.ConnectAsync(_target, _stop.Token);
            await Task.WhenAny(
                PumpAsync(phone.GetStream(), app.GetStream(), _up),
                PumpAsync(app.GetStream(), phone.GetStream(), _down));
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The phone or the app closed the connection, or the link is being taken down.
        }
    }

    /// <summary>Reads as bytes arrive and writes each chunk once it has crossed the link.</summary>
    private async Task PumpAsync(NetworkStream from, NetworkStream to, Pace pace)
    {
        var chunks = Channel.CreateUnbounded<(byte[] Bytes, long DueAt)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var writing = WriteAsync(chunks.Reader, to);
        try
        {
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                chunks.Writer.TryWrite((buffer[..read], pace.Send(read) + (long)(_oneWay.TotalSeconds * Stopwatch.Frequency)));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // This side closed: pass on what has been read, then close the other.
        }

        chunks.Writer.TryComplete();
        await writing;
    }

    private async Task WriteAsync(ChannelReader<(byte[] Bytes, long DueAt)> chunks, NetworkStream to)
    {
        try
        {
            await foreach (var (bytes, dueAt) in chunks.ReadAllAsync(_stop.Token))
            {
                var wait = TimeSpan.FromSeconds((dueAt - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _stop.Token);
                }

                await to.WriteAsync(bytes, _stop.Token);
            }

            to.Socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The other side is gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] relays;
        lock (_relays)
        {
            relays = [.. _relays];
        }

        await Task.WhenAll(relays);
        _stop.Dispose();
    }

    /// <summary>One direction's bandwidth: when the last byte of a chunk has left, in Stopwatch ticks.</summary>
    private sealed class Pace(double bytesPerSecond)
    {
        private readonly Lock _gate = new();
        private long _freeAt;

        public long Send(int bytes)
        {
            lock (_gate)
            {
                var start = Math.Max(Stopwatch.GetTimestamp(), _freeAt);
                _freeAt = start + (long)(bytes / bytesPerSecond * Stopwatch.Frequency);
                return _freeAt;
            }
        }
    }
}
