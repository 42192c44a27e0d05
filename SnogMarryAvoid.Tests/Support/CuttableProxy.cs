using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace SnogMarryAvoid.Tests.Support;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of the app, whose network can be cut as a venue's Wi-Fi drops:
/// <see cref="Cut"/> stops every byte both ways without closing anything (the phone only notices by
/// silence) and lets new connections hang; <see cref="Restore"/> drops the dead connections and forwards
/// again.
/// </summary>
public sealed class CuttableProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Pair, byte> _pairs = new();
    private volatile TaskCompletionSource _open = Opened();
    private readonly Task _accepting;

    public CuttableProxy(Uri target)
    {
        _target = new IPEndPoint(IPAddress.Parse(target.Host), target.Port);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public bool IsCut => !_open.Task.IsCompleted;

    /// <summary>The network goes silent: nothing passes, nothing is closed.</summary>
    public void Cut()
    {
        if (!IsCut)
        {
            _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>The network is back: connections that went silent are dropped (as a real network's would be), new ones pass.</summary>
    public void Restore()
    {
        foreach (var pair in _pairs.Keys.Where(p => p.Stalled))
        {
            pair.Close();
        }

        _open.TrySetResult();
    }

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        // A connection made while cut hangs until the network is back.
        await _open.Task.WaitAsync(_stop.Token).ConfigureAwait(false);
        var server = new TcpClient();
        try
        {
            await server.ConnectAsync(_target, _stop.Token);
        }
        catch (Exception)
        {
            client.Dispose();
            server.Dispose();
            return;
        }

        var pair = new Pair(client, server);
        _pairs[pair] = 0;
        await Task.WhenAll(PumpAsync(pair, client.GetStream(), server.GetStream()), PumpAsync(pair, server.GetStream(), client.GetStream()));
        pair.Close();
        _pairs.TryRemove(pair, out _);
    }

    private async Task PumpAsync(Pair pair, NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    break;
                }

                if (IsCut)
                {
                    // The bytes are lost, as on a dead network; the connection is stale from now on.
                    pair.Stalled = true;
                    await _open.Task.WaitAsync(_stop.Token);
                    break;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception)
        {
            // One side went away: so does the other.
        }

        pair.Close();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var pair in _pairs.Keys)
        {
            pair.Close();
        }

        await _accepting;
        _stop.Dispose();
    }

    private sealed class Pair(TcpClient client, TcpClient server)
    {
        public volatile bool Stalled;

        public void Close()
        {
            client.Dispose();
            server.Dispose();
        }
    }
}
