using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hush.PolicyCompiler.Import;

/// <summary>
/// Converts public secret-detection rule sets (gitleaks TOML, Nosey Parker and Kingfisher YAML) into a policy in
/// our YAML language. Used by <c>hushc import</c> and by the real-rule-set tests.
/// </summary>
internal static class RuleImporter
{
    /// <summary>The formats <see cref="Import"/> accepts.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["gitleaks", "noseyparker", "kingfisher"];

    /// <summary>
    /// Imports <paramref name="files"/> of one <paramref name="format"/> (<c>gitleaks</c>, <c>noseyparker</c> or
    /// <c>kingfisher</c>). The same files in the same order always give the same policy text.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown format or no files.</exception>
    /// <exception cref="RuleImportException">A file cannot be read or is not of the expected shape.</exception>
    public static ImportResult Import(string format, IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            throw new ArgumentException("no rule files given", nameof(files));
        }

        var warnings = new List<string>();
        string normalized = format.Trim().ToLowerInvariant();
        switch (normalized)
        {
            case "gitleaks":
            {
                List<ImportedRule> rules = GitleaksImporter.Read(files, warnings, out string version);
                return Result("gitleaks", version, files, rules, warnings, []);
            }

            case "noseyparker" or "kingfisher":
            {
                var importer = normalized == "noseyparker"
                    ? new YamlRuleFileImporter("Nosey Parker", "np.")
                    : new YamlRuleFileImporter("Kingfisher", "kingfisher.");
                foreach (string file in files)
                {
                    importer.Read(file, warnings);
                }

                return Result(normalized, normalized, files, importer.Rules, warnings, importer.Examples);
            }

            default:
                throw new ArgumentException(
                    $"unknown import format `{format}` (expected one of: {string.Join(", ", Formats)})", nameof(format));
        }
    }

    private static ImportResult Result(string name, string version, IReadOnlyList<string> files,
        List<ImportedRule> rules, List<string> warnings, List<ImportedExample> examples)
    {
        // The policy version names the source snapshot by content, so a re-import of unchanged files is identical.
        string policyVersion = $"{version}+sha256.{ContentHash(files)}";
        string description = string.Create(CultureInfo.InvariantCulture,
            $"{rules.Count} rules imported from {name} ({files.Count} file{(files.Count == 1 ? "" : "s")}) by hushc import");
        string yaml = PolicyYamlWriter.Write(name, policyVersion, description, rules);
        return new ImportResult(yaml, warnings, examples);
    }

    private static string ContentHash(IReadOnlyList<string> files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string file in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(ImportFiles.ReadText(file)));
            sha.AppendData([0]);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset())[..12];
    }
}
