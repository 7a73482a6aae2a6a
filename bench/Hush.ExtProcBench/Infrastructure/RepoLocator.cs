namespace Hush.ExtProcBench.Infrastructure;

/// <summary>Finds the repository root (the folder holding <c>Hush.slnx</c>) and the default paths under it.</summary>
internal static class RepoLocator
{
    /// <summary>
    /// Walks up from the working directory, then from the tool's own folder, to the first folder that holds
    /// <c>Hush.slnx</c>. Throws when neither is inside the repository.
    /// </summary>
    public static string FindRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Hush.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("cannot find the repository root (no Hush.slnx above the working directory or the tool)");
    }

    /// <summary>The server assembly <c>make build</c> produces.</summary>
    public static string DefaultServerDll(string root) =>
        Path.Combine(root, "artifacts", "bin", "Hush.ExtProc", "release", "Hush.ExtProc.dll");

    /// <summary>The artifact <c>make policy</c> produces.</summary>
    public static string DefaultPolicy(string root) => Path.Combine(root, "out", "default.hushpolicy");

    /// <summary>The default results file.</summary>
    public static string DefaultOutput(string root) => Path.Combine(root, "bench", "results", "extproc.md");
}
