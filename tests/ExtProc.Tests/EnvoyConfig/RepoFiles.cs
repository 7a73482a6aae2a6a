namespace Hush.ExtProc.Tests.EnvoyConfig;

/// <summary>Locates deployment files in the repository (the tests read them in place, not copies).</summary>
internal static class RepoFiles
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The repository root (the folder holding Hush.slnx).</summary>
    public static string Root => s_root.Value;

    /// <summary>Absolute path of a repository-relative path.</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Text of a repository file.</summary>
    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hush.slnx")))
            {
                return dir.FullName;
            }
        }

        // Builds with --artifacts-path outside the repository: fall back to the source location of this project.
        var fromSource = Path.GetFullPath(Path.Combine(ThisFileDirectory(), "..", "..", ".."));
        if (File.Exists(Path.Combine(fromSource, "Hush.slnx")))
        {
            return fromSource;
        }

        throw new InvalidOperationException("Cannot find the repository root (Hush.slnx) from " + AppContext.BaseDirectory);
    }

    private static string ThisFileDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetDirectoryName(path) ?? ".";
}
