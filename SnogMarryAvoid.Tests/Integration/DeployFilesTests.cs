using System.Diagnostics;
using System.Text.RegularExpressions;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Integration;

/// <summary>
/// The files under deploy/ that a self-hoster copies: docs/deploy.md shows them as they are, and the
/// service unit passes systemd's own check.
/// </summary>
public sealed class DeployFilesTests
{
    private static string Text(params string[] path) =>
        File.ReadAllText(Path.Combine([Repo.Root, .. path])).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    /// <summary>The fenced blocks of docs/deploy.md in the given language.</summary>
    private static List<string> Blocks(string language) =>
        [.. Regex.Matches(Text("docs", "deploy.md"), $"```{language}\n(.*?)\n```", RegexOptions.Singleline).Select(m => m.Groups[1].Value.Trim())];

    [Fact]
    public void TheDeploymentGuide_ShowsTheNginxFileExactly() =>
        Blocks("nginx").Should().ContainSingle("docs/deploy.md shows one nginx configuration")
            .Which.Should().Be(Text("deploy", "nginx.conf"), "docs/deploy.md shows deploy/nginx.conf exactly");

    [Fact]
    public void TheDeploymentGuide_ShowsTheServiceUnitExactly() =>
        Blocks("ini").Should().Contain(Text("deploy", "snogmarryavoid.service"), "docs/deploy.md shows deploy/snogmarryavoid.service exactly");

    [Fact]
    public async Task TheServiceUnit_PassesSystemdAnalyzeVerify()
    {
        var analyze = new[] { "/usr/bin/systemd-analyze", "/bin/systemd-analyze" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("systemd-analyze was not found: run the tests with ./test.sh, which installs systemd.");
        using var run = Process.Start(new ProcessStartInfo(analyze, ["verify", Path.Combine(Repo.Root, "deploy", "snogmarryavoid.service")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var said = await run.StandardError.ReadToEndAsync() + await run.StandardOutput.ReadToEndAsync();
        await run.WaitForExitAsync();

        run.ExitCode.Should().Be(0, said);
        said.Should().NotContain("snogmarryavoid.service:", "systemd has nothing to say about the unit");
    }

    [Fact]
    public void TheServiceUnit_RunsAsItsOwnUser_FromItsFolder_WithSecretsInAnEnvironmentFile_AndHardened()
    {
        var unit = Text("deploy", "snogmarryavoid.service").Split('\n').Select(l => l.Trim()).ToHashSet();

        unit.Should().Contain(["User=snogmarryavoid", "WorkingDirectory=/opt/snogmarryavoid", "EnvironmentFile=/etc/snogmarryavoid/snogmarryavoid.env",
            "Restart=always", "RestartPreventExitStatus=2", "NoNewPrivileges=true", "ProtectSystem=strict", "ProtectHome=true", "PrivateTmp=true",
            "Environment=ASPNETCORE_ENVIRONMENT=Production", "Environment=DataFolder=/var/lib/snogmarryavoid", "StateDirectory=snogmarryavoid"]);
        Text("deploy", "snogmarryavoid.service").Should().Contain("install -m 0600", "the secrets file is readable by root alone");
    }
}
