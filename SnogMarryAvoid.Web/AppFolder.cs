namespace SnogMarryAvoid.Web;

/// <summary>
/// Where the app's own files are (appsettings.json, wwwroot, the default data folder), whatever the
/// working directory it was started from: a service manager starts it from <c>/</c>, a shell from anywhere.
/// </summary>
public static class AppFolder
{
    /// <summary>The project file that marks the source folder of a build run with <c>dotnet run</c>.</summary>
    public const string ProjectFile = "SnogMarryAvoid.Web.csproj";

    /// <summary>
    /// The content root to use, or null when the operator named one (<c>--contentRoot</c> or
    /// <c>ASPNETCORE_CONTENTROOT</c>), which then wins. A build in <c>bin/{configuration}/{framework}</c>
    /// under the project's folder runs from that folder, as <c>dotnet run</c> always has, so its data
    /// folder stays where it was; anything else (a published app) runs from the folder that holds it.
    /// </summary>
    public static string? ContentRoot(string[] args, string appBase, Func<string, string?> environment)
    {
        if (args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(environment("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(environment("DOTNET_CONTENTROOT")))
        {
            return null;
        }

        var folder = new DirectoryInfo(appBase);
        var project = folder.Parent?.Parent?.Parent;
        return folder.Parent?.Parent?.Name == "bin" && project is not null && File.Exists(Path.Combine(project.FullName, ProjectFile))
            ? project.FullName
            : folder.FullName;
    }
}
