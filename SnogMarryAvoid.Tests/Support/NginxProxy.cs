using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SnogMarryAvoid.Tests.Support;

/// <summary>
/// Debian's nginx running the shipped deploy/nginx.conf on 127.0.0.1, in front of the test's servers.
/// Only the site's values are swapped (the servers' addresses, the ports, the certificate, the log),
/// each checked to be in the file, so a change to the file's shape fails the test instead of passing it.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    public const string Variable = "SMA_TEST_NGINX";

    private readonly Process _process;
    private readonly string _folder;

    private NginxProxy(Process process, string folder, int httpsPort, int httpPort) =>
        (_process, _folder, HttpsUrl, HttpUrl) = (process, folder, $"https://127.0.0.1:{httpsPort}", $"http://127.0.0.1:{httpPort}");

    public string HttpsUrl { get; }
    public string HttpUrl { get; }

    public static string Binary =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? path
        : File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx"
        : throw new InvalidOperationException($"nginx was not found: run the tests with ./test.sh, which installs it, or set {Variable}.");

    /// <summary>The shipped file with the site's values swapped for the test's.</summary>
    public static string Configure(string shipped, IReadOnlyList<string> servers, int httpsPort, int httpPort, string folder)
    {
        var swaps = new List<(string From, string To)>
        {
            ("        server 10.0.0.11:8080 max_fails=3 fail_timeout=10s;\n        server 10.0.0.12:8080 max_fails=3 fail_timeout=10s;\n",
                string.Concat(servers.Select(s => $"        server {new Uri(s).Authority} max_fails=3 fail_timeout=10s;\n"))),
            ("listen 80;", $"listen 127.0.0.1:{httpPort};"),
            ("listen 443 ssl http2;", $"listen 127.0.0.1:{httpsPort} ssl http2;"),
            ("/etc/ssl/certs/vote.example.org.pem", Path.Combine(folder, "proxy.pem")),
            ("/etc/ssl/private/vote.example.org.key", Path.Combine(folder, "proxy.key")),
            ("/var/log/nginx/snogmarryavoid.access.log", Path.Combine(folder, "access.log")),
        };
        var config = shipped.Replace("\r\n", "\n", StringComparison.Ordinal);
        foreach (var (from, to) in swaps)
        {
            if (!config.Contains(from, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"deploy/nginx.conf no longer has '{from.Trim()}': update NginxProxy and docs/deploy.md with it.");
            }

            config = config.Replace(from, to, StringComparison.Ordinal);
        }

        return config;
    }

    public static async Task<NginxProxy> StartAsync(params string[] servers)
    {
        var folder = Path.Combine(Path.GetTempPath(), "sma-tests", "nginx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
            await File.WriteAllTextAsync(Path.Combine(folder, "proxy.pem"), certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(Path.Combine(folder, "proxy.key"), rsa.ExportPkcs8PrivateKeyPem());
        }

        var (httpsPort, httpPort) = (AppFactory.FreePort(), AppFactory.FreePort());
        var shipped = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "deploy", "nginx.conf"));
        var config = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(config, Configure(shipped, servers, httpsPort, httpPort, folder));

        string[] arguments = ["-c", config, "-p", folder, "-e", Path.Combine(folder, "error.log"), "-g", $"daemon off; pid {Path.Combine(folder, "nginx.pid")};"];
        var test = await RunAsync([.. arguments, "-t"]);
        if (test.ExitCode != 0)
        {
            throw new InvalidOperationException($"nginx -t refused deploy/nginx.conf: {test.Output}");
        }

        var process = Process.Start(new ProcessStartInfo(Binary, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        // (Plain HTTP answers with a redirect to HTTPS on port 443, which is not followed.)
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        for (var i = 0; i < 100; i++)
        {
            try
            {
                await http.GetAsync($"http://127.0.0.1:{httpPort}/");
                return new NginxProxy(process, folder, httpsPort, httpPort);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        await StopAsync(process);
        throw new InvalidOperationException($"nginx did not listen: {await File.ReadAllTextAsync(Path.Combine(folder, "error.log"))}");
    }

    /// <summary>Runs nginx with <paramref name="arguments"/> to the end: its exit code and what it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string[] arguments)
    {
        using var run = Process.Start(new ProcessStartInfo(Binary, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var output = await run.StandardOutput.ReadToEndAsync() + await run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync();
        return (run.ExitCode, output);
    }

    /// <summary>
    /// Stops nginx with its workers: SIGTERM to the master (nginx's fast shutdown takes the workers with
    /// it; a killed master would leave them running), then the whole tree if it is still there after 5 s.
    /// </summary>
    private static async Task StopAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(_process);
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // left to the OS's temp clean-up
        }
    }
}
