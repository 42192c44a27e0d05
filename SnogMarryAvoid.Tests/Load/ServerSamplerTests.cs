using System.Diagnostics;
using SnogMarryAvoid.LoadTest;

namespace SnogMarryAvoid.Tests.Load;

/// <summary>
/// The calm-pace figures need a process's CPU time finer than the kernel's 10 ms ticks: the sampler adds up each
/// thread's own running time, and keeps what a thread had after it ends.
/// </summary>
public class ServerSamplerTests
{
    [Fact]
    public void TheExactCpuTime_FollowsTheProcesssOwn_AndKeepsAThreadsTimeAfterItEnds()
    {
        using var sampler = new ServerSampler(Environment.ProcessId);
        var startedSpinning = new ManualResetEventSlim();
        var spun = new ManualResetEventSlim();
        var mayEnd = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            startedSpinning.Set();
            var until = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 4);
            while (Stopwatch.GetTimestamp() < until)
            {
                Thread.SpinWait(100);
            }

            spun.Set();
            mayEnd.Wait();
        });
        thread.Start();
        startedSpinning.Wait();
        var before = sampler.ExactCpuNow();
        var processBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

        spun.Wait();
        var whileAlive = sampler.ExactCpuNow();
        var processAfter = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        mayEnd.Set();
        thread.Join();
        var afterItEnded = sampler.ExactCpuNow();

        before.Should().NotBeNull("this kernel gives each thread's schedstat");
        (whileAlive - before).Should().BeGreaterThan(0.02).And.BeLessThanOrEqualTo(processAfter - processBefore + 0.05,
            "the exact time counts what the process's own counter counts, no more (the test's other threads spend some too)");
        afterItEnded.Should().BeGreaterThanOrEqualTo(whileAlive!.Value, "an ended thread's time is kept");
    }
}
