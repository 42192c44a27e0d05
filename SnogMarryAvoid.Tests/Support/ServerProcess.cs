using System.Diagnostics;

namespace SnogMarryAvoid.Tests.Support;

/// <summary>
/// The web app in a process of its own on 127.0.0.1 (SQLite in a data folder), so that its memory can
/// be read from /proc without the test runner or the browser driver in the figure.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, string url, string dataFolder, System.Collections.Concurrent.ConcurrentQueue<string> output) =>
        (_process, Url, DataFolder, Output) = (process, url, dataFolder, output);

    /// <summary>Everything the server wrote to stdout and stderr.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Output { get; }

    public Process Process => _process;

    public string Url { get; }
    public string DataFolder { get; }

    /// <summary>
    /// Starts the app; give the same <paramref name="dataFolder"/> and <paramref name="port"/> to restart
    /// "the same server". With <paramref name="waitUntilHealthy"/> false it returns at once (for a server
    /// that is expected not to start).
    /// </summary>
    /// <param name="app">The app's dll: by default the build beside the tests; a published app's for the tests of deployment.</param>
    /// <param name="workingDirectory">Where it is started from: by default the project's folder; <c>/</c> as a service manager would.</param>
    /// <param name="environment">The hosting environment, or null to set none (the app's own default).</param>
    public static async Task<ServerProcess> StartAsync(Dictionary<string, string>? settings = null, string? dataFolder = null, int? port = null, bool waitUntilHealthy = true,
        string? app = null, string? workingDirectory = null, string? environment = "Development")
    {
        var url = $"http://127.0.0.1:{port ?? AppFactory.FreePort()}";
        dataFolder ??= Path.Combine(Path.GetTempPath(), "sma-tests", Guid.NewGuid().ToString("N"));
        var webDll = app ?? Path.Combine(AppContext.BaseDirectory, "SnogMarryAvoid.Web.dll");
        var start = new ProcessStartInfo("dotnet", [webDll, "--urls", url])
        {
            WorkingDirectory = workingDirectory ?? Path.GetFullPath(Path.Combine(Repo.Root, "SnogMarryAvoid.Web")),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        if (environment is not null)
        {
            start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        }

        start.Environment["DataFolder"] = dataFolder;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Bootstrap__OrganiserEmail"] = AppFactory.OrganiserEmail;
        start.Environment["Bootstrap__OrganiserPassword"] = AppFactory.OrganiserPassword;
        foreach (var (key, value) in settings ?? [])
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the web app.");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) { output.Enqueue(line); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { output.Enqueue(line); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!waitUntilHealthy)
        {
            return new ServerProcess(process, url, dataFolder, output);
        }

        // 60 s: a start on a machine whose two cores are busy with browsers and other servers can take half of that.
        using var http = new HttpClient();
        for (var i = 0; i < 600; i++)
        {
            try
            {
                if ((await http.GetAsync($"{url}/healthz")).IsSuccessStatusCode)
                {
                    return new ServerProcess(process, url, dataFolder, output);
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        var exited = process.HasExited ? $" (it exited with {process.ExitCode})" : "";
        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"The web app did not answer /healthz within 60 s{exited}. Its last output:\n{string.Join('\n', output.TakeLast(20))}");
    }

    /// <summary>Asks the server to stop (SIGTERM), as a service manager or an orchestrator does; does not wait.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Kills the server at once (SIGKILL): no shutdown, no flushing, as a power cut would.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>Stops the process object without deleting the data folder, so a new server can take it over.</summary>
    public void Forget() => _keepData = true;

    private bool _keepData;

    /// <summary>Resident memory of the server process, from /proc (bytes).</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Core over the server's own database file, to set up sessions it will serve.</summary>
    public Task<TestCore> CoreAsync() => TestCore.CreateAsync(new()
    {
        ["Database:Provider"] = "Sqlite",
        ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(DataFolder, "snogmarryavoid.db")}",
    });

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_keepData)
        {
            return;
        }

        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // left to the OS's temp clean-up
        }
    }
}
