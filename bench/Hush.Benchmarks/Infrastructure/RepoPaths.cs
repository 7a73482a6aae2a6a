namespace Hush.Benchmarks.Infrastructure;

/// <summary>Locates the repository root (the folder holding <c>Hush.slnx</c>) and the shared corpora beside it.</summary>
internal static class RepoPaths
{
    /// <summary>Environment variable that carries the root into BenchmarkDotNet's child processes.</summary>
    public const string RootVariable = "HUSH_REPO_ROOT";

    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The repository root.</summary>
    public static string Root => s_root.Value;

    /// <summary>The generated corpus folder (<c>bench/corpus</c>, git-ignored).</summary>
    public static string CorpusDirectory => Path.Combine(Root, "bench", "corpus");

    /// <summary>The default policy source.</summary>
    public static string DefaultPolicy => Path.Combine(Root, "policies", "default.yaml");

    /// <summary>gitleaks' public rule file in the shared corpora beside the repository.</summary>
    public static string GitleaksToml => Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpora", "gitleaks.toml"));

    private static string FindRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable(RootVariable);
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(Path.Combine(fromEnv, "Hush.slnx")))
        {
            return fromEnv;
        }

        // Build outputs may live outside the tree (--artifacts-path), so the working directory is tried too.
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Hush.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"cannot find Hush.slnx above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}; set {RootVariable}");
    }
}
