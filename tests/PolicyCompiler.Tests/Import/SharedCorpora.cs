using System.Runtime.CompilerServices;

namespace Hush.PolicyCompiler.Tests.Import;

/// <summary>
/// The public rule corpora in <c>../shared/corpora</c> beside the repository root (test data only, never copied
/// into the repository). CI has the same layout; a missing folder fails the test with a message saying so.
/// </summary>
internal static class SharedCorpora
{
    /// <summary>The corpora folder; throws with a clear message when it is missing.</summary>
    public static string Directory
    {
        get
        {
            // The build output normally sits inside the clone; with --artifacts-path elsewhere, fall back to where
            // this source file was compiled from, then to the working directory.
            DirectoryInfo? root = RepositoryRoot(AppContext.BaseDirectory)
                ?? RepositoryRoot(Path.GetDirectoryName(SourcePath()) ?? "")
                ?? RepositoryRoot(Environment.CurrentDirectory);
            if (root?.Parent is null)
            {
                throw new InvalidOperationException(
                    $"cannot find the repository root (a folder holding Hush.slnx) above {AppContext.BaseDirectory}");
            }

            string corpora = Path.Combine(root.Parent.FullName, "shared", "corpora");
            return System.IO.Directory.Exists(corpora)
                ? corpora
                : throw new InvalidOperationException(
                    $"the public rule corpora are missing: expected {Path.GetFullPath(corpora)} (a sibling `shared/corpora` " +
                    "of the repository root with gitleaks.toml, noseyparker/rules and kingfisher/rules; CI provides it)");
        }
    }

    private static DirectoryInfo? RepositoryRoot(string start)
    {
        var dir = start.Length > 0 && System.IO.Directory.Exists(start) ? new DirectoryInfo(start) : null;
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Hush.slnx")))
        {
            dir = dir.Parent;
        }

        return dir;
    }

    private static string SourcePath([CallerFilePath] string path = "") => path;

    /// <summary>The rule files of one format, in ordinal name order.</summary>
    public static string[] Files(string format) => format switch
    {
        "gitleaks" => [Required(Path.Combine(Directory, "gitleaks.toml"))],
        "noseyparker" => YamlFiles(Path.Combine(Directory, "noseyparker", "rules")),
        "kingfisher" => YamlFiles(Path.Combine(Directory, "kingfisher", "rules")),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown format"),
    };

    private static string[] YamlFiles(string dir)
    {
        string[] files = System.IO.Directory.Exists(dir)
            ? [.. System.IO.Directory.GetFiles(dir, "*.yml").Order(StringComparer.Ordinal)]
            : [];
        return files.Length > 0 ? files : throw new InvalidOperationException($"no rule files in {dir}");
    }

    private static string Required(string file) =>
        File.Exists(file) ? file : throw new InvalidOperationException($"missing corpus file {file}");
}
