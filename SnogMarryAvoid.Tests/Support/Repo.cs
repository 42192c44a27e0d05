namespace SnogMarryAvoid.Tests.Support;

/// <summary>Where the repository is, for tests that read its documents and deployment files.</summary>
public static class Repo
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SnogMarryAvoid.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("SnogMarryAvoid.sln was not found above " + AppContext.BaseDirectory);
        }
    }
}
