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

/// <summary>
/// The Dockerfile and deploy/compose.yaml cannot be built here (no image registry is reachable), so
/// these tests hold them to what is tested: the same published app, the same deploy/nginx.conf, and the
/// addresses and mounts that file expects.
/// </summary>
public sealed class ContainerFilesTests
{
    private static string Text(params string[] path) =>
        File.ReadAllText(Path.Combine([Repo.Root, .. path])).Replace("\r\n", "\n", StringComparison.Ordinal);

    [Fact]
    public void TheDockerfile_PublishesTheWebApp_AndRunsItAsANonRootUser_WithTheDataFolderOnAVolume()
    {
        var dockerfile = Text("Dockerfile");

        Regex.Matches(dockerfile, "^FROM ", RegexOptions.Multiline).Should().HaveCount(2, "a build stage and a runtime stage");
        dockerfile.Should().Contain("dotnet publish SnogMarryAvoid.Web/SnogMarryAvoid.Web.csproj -c Release")
            .And.Contain("\nUSER app\n").And.Contain("VOLUME /data").And.Contain("DataFolder=/data")
            .And.Contain("ASPNETCORE_ENVIRONMENT=Production").And.Contain("ASPNETCORE_URLS=http://+:8080")
            .And.Contain("ENTRYPOINT [\"dotnet\", \"SnogMarryAvoid.Web.dll\"]");
        dockerfile.IndexOf("USER app", StringComparison.Ordinal).Should().BeGreaterThan(dockerfile.LastIndexOf("FROM ", StringComparison.Ordinal), "the runtime stage runs as app");
    }

    [Fact]
    public void TheDockerfile_RestoresAndPublishes_AsTheTestsDo()
    {
        var dockerfile = Text("Dockerfile");
        var run = Regex.Matches(dockerfile, @"^RUN (dotnet (?:restore|publish) .*)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();

        // The tests publish with these commands, so the container's build is the one the tests run (DeploymentTests).
        run.Should().Equal(PublishedApp.Commands.Select(c => c
            .Replace("{project}", "SnogMarryAvoid.Web/SnogMarryAvoid.Web.csproj", StringComparison.Ordinal)
            .Replace("{folder}", "/app", StringComparison.Ordinal)));
    }

    [Fact]
    public void TheComposeFile_RunsTheShippedNginxFile_WithTheAddressesItNames_AndTheServersTrustOnlyIt()
    {
        var compose = Text("deploy", "compose.yaml");
        var nginx = Text("deploy", "nginx.conf");

        compose.Should().Contain("- ./nginx.conf:/etc/nginx/nginx.conf:ro", "nginx runs deploy/nginx.conf itself");
        var upstream = Regex.Matches(nginx, @"^\s*server (\d+\.\d+\.\d+\.\d+):(\d+) ", RegexOptions.Multiline).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        var servers = Regex.Matches(compose, @"^  (web\d):\n(?:    .*\n)*?        ipv4_address: (\S+)", RegexOptions.Multiline).Select(m => m.Groups[2].Value).ToList();
        upstream.Should().HaveCount(2, "nginx.conf names two servers");
        upstream.Select(u => u.Item1).Should().Equal(servers, "each upstream server in nginx.conf is a server in compose.yaml");
        upstream.Select(u => u.Item2).Should().AllBe("8080", "the port the image listens on");

        var proxy = Regex.Match(compose, @"^  nginx:\n(?:    .*\n|      .*\n)*?        ipv4_address: (\S+)", RegexOptions.Multiline).Groups[1].Value;
        proxy.Should().MatchRegex(@"^\d+\.\d+\.\d+\.\d+$");
        compose.Should().Contain($"ForwardedHeaders__KnownProxies: {proxy}", "the servers believe forwarded headers from nginx alone");
        foreach (Match certificate in Regex.Matches(nginx, @"ssl_certificate(?:_key)?\s+(\S+);"))
        {
            compose.Should().Contain($":{certificate.Groups[1].Value}:ro", "the certificate is mounted where nginx.conf reads it");
        }
    }
}
