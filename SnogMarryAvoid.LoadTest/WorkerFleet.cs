using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace SnogMarryAvoid.LoadTest;

/// <summary>
/// The run's phones spread over <see cref="LoadOptions.Processes"/> worker processes of this tool (one process
/// holds at most about 19,000 sockets on this machine). Each worker holds a contiguous slice of the phones and
/// takes one order at a time on its standard input (<see cref="FleetWorker"/>); the answers come back as one
/// JSON line each. All processes share the machine's monotonic clock, so their timestamps compare.
/// </summary>
public sealed class WorkerFleet : IFleet
{
    private readonly List<Worker> _workers = [];
    private int _disposed;

    private WorkerFleet()
    {
    }

    public static WorkerFleet Start(LoadOptions options, string[] arguments)
    {
        var fleet = new WorkerFleet();
        var per = options.Participants / options.Processes;
        for (var w = 0; w < options.Processes; w++)
        {
            var first = w * per;
            var count = w == options.Processes - 1 ? options.Participants - first : per;
            fleet._workers.Add(Worker.Start(arguments, first, count));
        }

        return fleet;
    }

    public async Task<JoinFigures> JoinAsync(string code, CancellationToken ct)
    {
        var each = await Task.WhenAll(_workers.Select(w => w.AskAsync<JoinFigures>($"join {code}", ct)));
        return new JoinFigures(each.Sum(f => f.Connected), each.Sum(f => f.Failed), each.Min(f => f.FirstStartedAt), each.Max(f => f.LastJoinedAt),
            each.SelectMany(f => f.PhonesPerServer).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value)))
        {
            FirstFailure = each.Select(f => f.FirstFailure).FirstOrDefault(f => f is not null),
        };
    }

    public async Task<List<VoteRecord>> VoteAsync(int order, Guid scenarioId, long openedAt, CancellationToken ct)
    {
        var each = await Task.WhenAll(_workers.Select(w => w.AskAsync<List<VoteRecord>>(
            string.Create(CultureInfo.InvariantCulture, $"vote {order} {scenarioId} {openedAt}"), ct)));
        return [.. each.SelectMany(v => v)];
    }

    public async Task<(int Results, int Sessions)> TrafficAsync(CancellationToken ct)
    {
        var each = await Task.WhenAll(_workers.Select(w => w.AskAsync<int[]>("traffic", ct)));
        return (each.Sum(t => t[0]), each.Sum(t => t[1]));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await Task.WhenAll(_workers.Select(w => w.QuitAsync()));
    }

    /// <summary>The command that starts this tool again: its own executable, or <c>dotnet</c> with its assembly.</summary>
    public static (string File, List<string> Arguments) ThisTool()
    {
        var assembly = typeof(WorkerFleet).Assembly.Location;
        var host = Environment.ProcessPath ?? "dotnet";
        if (Path.GetFileNameWithoutExtension(host) == Path.GetFileNameWithoutExtension(assembly))
        {
            return (host, []);
        }

        return (Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet", [assembly]);
    }

    private sealed class Worker(Process process)
    {
        private readonly SemaphoreSlim _turn = new(1, 1);

        public static Worker Start(string[] arguments, int first, int count)
        {
            var (file, prefix) = ThisTool();
            var info = new ProcessStartInfo(file)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = false,
                UseShellExecute = false,
            };
            foreach (var argument in prefix.Concat(WithoutFleetOptions(arguments)).Concat(["--worker", "--quiet", "--processes", "1",
                "--first-index", first.ToString(CultureInfo.InvariantCulture), "--participants", count.ToString(CultureInfo.InvariantCulture)]))
            {
                info.ArgumentList.Add(argument);
            }

            return new Worker(Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}."));
        }

        public async Task<T> AskAsync<T>(string order, CancellationToken ct)
        {
            await _turn.WaitAsync(ct);
            try
            {
                await process.StandardInput.WriteLineAsync(order.AsMemory(), ct);
                await process.StandardInput.FlushAsync(ct);
                while (true)
                {
                    var line = await process.StandardOutput.ReadLineAsync(ct)
                        ?? throw new InvalidOperationException($"A worker (process {process.Id}) ended while doing \"{order}\".");
                    if (line.StartsWith(FleetWorker.AnswerPrefix, StringComparison.Ordinal))
                    {
                        return JsonSerializer.Deserialize<T>(line[FleetWorker.AnswerPrefix.Length..], FleetWorker.Json)!;
                    }
                }
            }
            finally
            {
                _turn.Release();
            }
        }

        public async Task QuitAsync()
        {
            try
            {
                await process.StandardInput.WriteLineAsync("quit");
                await process.StandardInput.FlushAsync();
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await process.WaitForExitAsync(wait.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
            {
                process.Kill(entireProcessTree: true);
            }
            finally
            {
                process.Dispose();
            }
        }

        // What only the coordinator does: its own output files, the count of processes and phones (the worker's are its slice).
        private static IEnumerable<string> WithoutFleetOptions(string[] arguments)
        {
            for (var i = 0; i < arguments.Length; i++)
            {
                if (arguments[i] is "--json" or "--processes" or "--participants" or "--server-pid" or "--projectors" or "--first-index")
                {
                    i++;
                    continue;
                }

                if (arguments[i] is "--staff-pages" or "--quiet" or "--worker")
                {
                    continue;
                }

                yield return arguments[i];
            }
        }
    }
}

/// <summary>
/// A worker process (<c>--worker</c>): holds its slice of the phones and carries out its coordinator's orders, one
/// line each on standard input (<c>join CODE</c>, <c>vote ORDER SCENARIO OPENED-AT</c>, <c>traffic</c>, <c>quit</c>),
/// answering each with one line: <see cref="AnswerPrefix"/> and JSON.
/// </summary>
public static class FleetWorker
{
    public const string AnswerPrefix = "@@ ";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(LoadOptions options)
    {
        await using var phones = new PhoneFleet(options, options.FirstIndex, options.Participants);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.MaxSeconds));
        while (await Console.In.ReadLineAsync(stop.Token) is { } line)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            object answer;
            switch (words)
            {
                case ["join", var code]:
                    answer = await phones.JoinAsync(code, stop.Token);
                    break;
                case ["vote", var order, var scenario, var openedAt]:
                    answer = await phones.VoteAsync(int.Parse(order, CultureInfo.InvariantCulture), Guid.Parse(scenario), long.Parse(openedAt, CultureInfo.InvariantCulture), stop.Token);
                    break;
                case ["traffic"]:
                    var (results, sessions) = phones.Traffic;
                    answer = new[] { results, sessions };
                    break;
                case ["quit"]:
                    return 0;
                default:
                    await Console.Error.WriteLineAsync($"Unknown order: {line}");
                    return 2;
            }

            await Console.Out.WriteLineAsync(AnswerPrefix + JsonSerializer.Serialize(answer, Json));
            await Console.Out.FlushAsync();
        }

        return 0;
    }
}
