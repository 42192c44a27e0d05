using System.Diagnostics;

namespace SnogMarryAvoid.Tests.Support;

/// <summary>
/// The web app as <c>dotnet publish</c> makes it (what deploy.md installs), published once per test run
/// into a folder of its own, with a copy of its appsettings.json that a test may add to.
/// </summary>
public static class PublishedApp
{
    private static readonly Lazy<Task<string>> Folder = new(PublishAsync);

    /// <summary>The published folder (holding SnogMarryAvoid.Web.dll, appsettings.json and wwwroot).</summary>
    public static Task<string> FolderAsync() => Folder.Value;

    private static async Task<string> PublishAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sma-tests", "published-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet", ["publish", Path.Combine(Repo.Root, "SnogMarryAvoid.Web"), "-c", "Release", "-o", folder, "--no-restore", "-nologo", "-v", "quiet"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var publish = Process.Start(start)!;
        var output = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await publish.WaitForExitAsync(timeout.Token);
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({publish.ExitCode}): {await output}{await errors}");
        }

        return folder;
    }
}
