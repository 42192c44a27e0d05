using System.Diagnostics;
using System.Net.Sockets;

namespace SnogMarryAvoid.Tests.Support;

/// <summary>
/// A private redis-server on 127.0.0.1 for one test, which the test may stop and start again (an
/// outage). Nothing is saved to disk. ./test.sh installs redis-server and says where it is.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string of this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>A server with its port chosen, not yet started (Redis away when the app starts).</summary>
    public static RedisServer NotStarted() => new(AppFactory.FreePort());

    public static async Task<RedisServer> StartNewAsync()
    {
        var server = new RedisServer(AppFactory.FreePort());
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        var binary = TestServices.RedisServerPath;
        _process = Process.Start(new ProcessStartInfo(binary, ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"Could not start {binary}.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"redis-server did not listen on 127.0.0.1:{Port} within 15 s.");
    }

    /// <summary>Kills the server at once, as a crash or a network cut would.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
