using System.Globalization;

namespace SnogMarryAvoid.LoadTest;

/// <summary>The server's peak resident memory and CPU time during the run, from /proc (Linux, same machine).</summary>
public sealed class ServerSampler(int pid) : IDisposable
{
    public int Pid => pid;

    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux
    private readonly Dictionary<int, long> _threadNanoseconds = [];
    private readonly Lock _threadsLock = new();
    private Timer? _timer;
    private double _cpuAtStart;
    private double _cpuAtEnd;
    private long _peak;

    public long PeakRssBytes => Interlocked.Read(ref _peak);

    public double CpuSeconds => _cpuAtEnd - _cpuAtStart;

    public void Start()
    {
        _cpuAtStart = CpuNow();
        _timer = new Timer(_ => Sample(), null, 0, 200);
    }

    public void Stop()
    {
        _timer?.Dispose();
        Sample();
        _cpuAtEnd = CpuNow();
    }

    private void Sample()
    {
        _ = ExactCpuNow();
        if (RssNow() is { } bytes)
        {
            PhoneFleet.InterlockedMax(ref _peak, bytes);
        }
    }

    /// <summary>The process's resident memory now (VmRSS), or null once it has ended.</summary>
    public long? RssNow()
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The process's CPU time so far (user and system), in seconds.</summary>
    public double CpuNow()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return _cpuAtStart;
        }
    }

    /// <summary>
    /// The process's CPU time so far, to the nanosecond: each thread's own running time (/proc/PID/task/TID/schedstat),
    /// added up over every thread seen since this sampler started. <see cref="CpuNow"/> counts in the kernel's ticks
    /// (10 ms), too coarse for a change of scenario that costs a few tens of milliseconds. A thread that ends counts
    /// what it had at the last reading (every 200 ms, and at each call), so little is missed: the threads that end
    /// are the thread pool's idle ones. Null where the kernel gives no schedstat.
    /// </summary>
    public double? ExactCpuNow()
    {
        lock (_threadsLock)
        {
            try
            {
                foreach (var folder in Directory.EnumerateDirectories($"/proc/{pid}/task"))
                {
                    try
                    {
                        var schedstat = File.ReadAllText(Path.Combine(folder, "schedstat"));
                        var running = long.Parse(schedstat.AsSpan(0, schedstat.IndexOf(' ')), CultureInfo.InvariantCulture);
                        _threadNanoseconds[int.Parse(Path.GetFileName(folder), CultureInfo.InvariantCulture)] = running;
                    }
                    catch (IOException)
                    {
                        // The thread ended between the listing and the reading: its last reading stands.
                    }
                }
            }
            catch (IOException)
            {
                // The process has ended: what was read stands.
            }

            return _threadNanoseconds.Count == 0 ? null : _threadNanoseconds.Values.Sum() / 1e9;
        }
    }

    public void Dispose() => _timer?.Dispose();
}

public static class MachineInfo
{
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"{Environment.ProcessorCount} cores{(cpu is null ? "" : $" ({cpu})")}, {memory ?? "unknown memory"}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}
