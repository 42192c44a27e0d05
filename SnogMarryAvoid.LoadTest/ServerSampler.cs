using System.Globalization;

namespace SnogMarryAvoid.LoadTest;

/// <summary>The server's peak resident memory and CPU time during the run, from /proc (Linux, same machine).</summary>
public sealed class ServerSampler(int pid) : IDisposable
{
    public int Pid => pid;

    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux
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
