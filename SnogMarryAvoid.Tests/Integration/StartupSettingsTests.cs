using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Integration;

/// <summary>The real app, started with a bad setting: it refuses to start, says which key and what it accepts, and exits.</summary>
public class StartupSettingsTests
{
    [Theory]
    [InlineData("Limits__WrongJoinCodesPerMinute", "lots", "Limits:WrongJoinCodesPerMinute is 'lots': expected a whole number from 1 to 100000.")]
    [InlineData("Retention__DeleteSessionsOlderThanDays", "thirty", "Retention:DeleteSessionsOlderThanDays is 'thirty': expected a whole number from 0 to 36500.")]
    [InlineData("PublicBaseUrl", "vote.example.org", "PublicBaseUrl is 'vote.example.org': expected an absolute http:// or https:// address, like https://vote.example.org.")]
    public async Task ABadSetting_StopsStartUp_WithOneLineNamingTheKey_AndANonZeroExit(string variable, string value, string problem)
    {
        await using var server = await ServerProcess.StartAsync(new() { [variable] = value }, waitUntilHealthy: false);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await server.Process.WaitForExitAsync(timeout.Token);

        server.Process.ExitCode.Should().Be(2, "a bad setting is refused, not a crash (134) nor a healthy start");
        var output = server.Output.ToList();
        output.Should().ContainSingle(l => l.Contains("did not start", StringComparison.Ordinal))
            .Which.Should().Be($"SnogMarryAvoid did not start: {problem}");
        output.Should().NotContain(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal), "no stack trace");
        output.Should().NotContain(l => l.Contains("Unhandled exception", StringComparison.Ordinal));
    }
}
