using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Hush.PolicyCompiler.Tests.Syntax;

/// <summary>The public rule corpora in ../shared/corpora (test data only): id, pattern, secret group, examples.</summary>
internal static partial class CorpusRules
{
    /// <summary>One rule of a corpus.</summary>
    internal sealed record Rule(string Source, string Id, string Pattern, int SecretGroup, IReadOnlyList<string> Examples);

    private static readonly Lazy<IReadOnlyList<Rule>> s_all = new(Load);

    /// <summary>Every rule of gitleaks, Nosey Parker and Kingfisher that has a pattern.</summary>
    public static IReadOnlyList<Rule> All => s_all.Value;

    /// <summary>../shared/corpora beside the repository root (the folder holding Hush.slnx).</summary>
    public static string CorporaDirectory
    {
        get
        {
            // Artifacts may live outside the clone (--artifacts-path); the source path then still finds the root.
            var root = FindRoot(AppContext.BaseDirectory) ?? FindRoot(Path.GetDirectoryName(SourcePath()) ?? string.Empty)
                ?? throw new InvalidOperationException("repository root (Hush.slnx) not found");
            return Path.Combine(Path.GetDirectoryName(root)!, "shared", "corpora");
        }
    }

    private static string SourcePath([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    private static string? FindRoot(string start)
    {
        for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hush.slnx")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static List<Rule> Load()
    {
        var rules = new List<Rule>();
        LoadGitleaks(Path.Combine(CorporaDirectory, "gitleaks.toml"), rules);
        foreach (var file in Directory.GetFiles(Path.Combine(CorporaDirectory, "noseyparker", "rules"), "*.yml").Order(StringComparer.Ordinal))
        {
            LoadYaml("noseyparker", file, rules);
        }

        foreach (var file in Directory.GetFiles(Path.Combine(CorporaDirectory, "kingfisher", "rules"), "*.yml").Order(StringComparer.Ordinal))
        {
            LoadYaml("kingfisher", file, rules);
        }

        return rules;
    }

    [GeneratedRegex(@"^\[\[rules\]\]\s*$", RegexOptions.Multiline)]
    private static partial Regex RuleHeader();

    [GeneratedRegex(@"^id\s*=\s*""([^""]*)""", RegexOptions.Multiline)]
    private static partial Regex IdLine();

    [GeneratedRegex(@"^regex\s*=\s*'''(.*?)'''", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex RegexLine();

    [GeneratedRegex(@"^secretGroup\s*=\s*(\d+)", RegexOptions.Multiline)]
    private static partial Regex SecretGroupLine();

    private static void LoadGitleaks(string path, List<Rule> rules)
    {
        var text = File.ReadAllText(path);
        var blocks = RuleHeader().Split(text);
        foreach (var block in blocks.Skip(1))
        {
            // Only the rule's own lines: a nested [rules.allowlist] table has regexes of its own.
            var own = block.Split("\n[", 2)[0];
            var regex = RegexLine().Match(own);
            if (!regex.Success)
            {
                continue;
            }

            var id = IdLine().Match(own).Groups[1].Value;
            var secret = SecretGroupLine().Match(own);
            var pattern = regex.Groups[1].Value;
            // gitleaks: without secretGroup the secret is group 1 when the pattern has groups, else the whole match.
            var group = secret.Success ? int.Parse(secret.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
            rules.Add(new Rule("gitleaks", id, pattern, group, []));
        }
    }

    private static void LoadYaml(string source, string path, List<Rule> rules)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        if (!root.Children.TryGetValue(new YamlScalarNode("rules"), out var list))
        {
            return;
        }

        foreach (var item in ((YamlSequenceNode)list).Children.OfType<YamlMappingNode>())
        {
            var id = Scalar(item, "id") ?? Path.GetFileName(path);
            var pattern = Scalar(item, "pattern");
            if (pattern is null)
            {
                continue;
            }

            var examples = new List<string>();
            if (item.Children.TryGetValue(new YamlScalarNode("examples"), out var ex) && ex is YamlSequenceNode seq)
            {
                examples.AddRange(seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty));
            }

            rules.Add(new Rule(source, id, pattern, -1, examples));
        }
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;
}
