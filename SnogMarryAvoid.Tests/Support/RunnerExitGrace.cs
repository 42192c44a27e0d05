[assembly: AssemblyFixture(typeof(SnogMarryAvoid.Tests.Support.RunnerExitGrace))]

namespace SnogMarryAvoid.Tests.Support;

/// <summary>
/// The test process lingers for a second as it exits. xunit.runner.visualstudio (4.0.1) reports
/// "Test process crashed with exit code 0" when it notices the process has exited before it has read
/// the final assembly-finished message, if its last message is more than 5 s old (its
/// CrashDetectionSinkBase). That happens after a test that runs alone for a minute, such as
/// PhoneMemoryMeasurement run on its own: the run passed, and was still counted as a crash.
/// </summary>
public sealed class RunnerExitGrace
{
    public RunnerExitGrace() => AppDomain.CurrentDomain.ProcessExit += (_, _) => Thread.Sleep(TimeSpan.FromSeconds(1));
}
