using System.Diagnostics;

namespace SnogMarryAvoid.Tests.Support;

/// <summary>
/// The web app as <c>dotnet publish</c> makes it (what deploy.md installs), published once per test run
/// into a folder of its own, with a copy of its appsettings.json that a test may add to. It is published the
/// container's way (<see cref="Commands"/>, which the Dockerfile's build stage runs too): a restore for
/// publishing, which covers this machine's platform (the publish is ReadyToRun), then the publish itself.
/// </summary>
public static class PublishedApp
{
    private static readonly Lazy<Task<string>> Folder = new(PublishAsync);

    /// <summary>The published folder (holding SnogMarryAvoid.Web.dll, appsettings.json and wwwroot).</summary>
    public static Task<string> FolderAsync() => Folder.Value;

    /// <summary>
    /// The restore and the publish, as the Dockerfile writes them (<c>{project}</c> and <c>{folder}</c> stand for
    /// the project file and the output folder). A plain restore would not do: the publish is for this platform,
    /// and only a restore that knows it is for publishing fetches what that needs.
    /// </summary>
    public static readonly IReadOnlyList<string> Commands =
    [
        "dotnet restore {project} -p:_IsPublishing=true",
        "dotnet publish {project} -c Release -o {folder} --no-restore",
    ];

    private static async Task<string> PublishAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sma-tests", "published-" + Guid.NewGuid().ToString("N"));
        var project = Path.Combine(Repo.Root, "SnogMarryAvoid.Web", "SnogMarryAvoid.Web.csproj");
        foreach (var command in Commands)
        {
            var words = command.Split(' ').Select(w => w.Replace("{project}", project, StringComparison.Ordinal).Replace("{folder}", folder, StringComparison.Ordinal)).ToList();
            var start = new ProcessStartInfo(words[0], [.. words.Skip(1), "-nologo", "-v", "quiet"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            // A guard against a hung command, not a measure: the ReadyToRun publish compiles every assembly, and with a browser
            // test beside it on two cores it took more than the 5 minutes this guard once allowed (it takes about 2 alone).
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{string.Join(' ', words)} did not finish in 15 minutes: {await output}{await errors}");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{string.Join(' ', words)} failed ({process.ExitCode}): {await output}{await errors}");
            }
        }

        return folder;
    }
}
