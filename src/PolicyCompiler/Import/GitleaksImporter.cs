using System.Globalization;
using Tomlyn;
using Tomlyn.Model;

namespace Hush.PolicyCompiler.Import;

/// <summary>
/// Reads gitleaks TOML configurations (<c>[[rules]]</c> with id, description, regex, secretGroup, entropy,
/// keywords, path and allowlists, plus the global <c>[allowlist]</c>) into imported rules.
/// </summary>
/// <remarks>
/// What a stream masker cannot know (file paths, commits, the surrounding line) is left out with a warning;
/// an allowlist is only imported where leaving part of it out can make the policy mask more, never less.
/// </remarks>
internal static partial class GitleaksImporter
{
    /// <summary>Id prefix of imported gitleaks rules.</summary>
    public const string Prefix = "gitleaks.";

    /// <summary>Reads every file; returns the rules in file and rule order and a version string of the inputs.</summary>
    public static List<ImportedRule> Read(IReadOnlyList<string> files, List<string> warnings, out string version)
    {
        var ids = new RuleIdAllocator(Prefix);
        var rules = new List<ImportedRule>();
        var versions = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string file in files)
        {
            TomlTable root = Parse(file);
            var toml = new TomlValues(file);
            if (toml.String(root, "minVersion", "config") is { } min)
            {
                versions.Add(min);
            }

            if (root.ContainsKey("extend"))
            {
                warnings.Add($"{file}: [extend] is ignored: import the extended configuration as another file");
            }

            var global = new AllowSet();
            foreach (TomlTable table in toml.Tables(root, "allowlist", "global allowlist")
                         .Concat(toml.Tables(root, "allowlists", "global allowlists")))
            {
                AddAllowlist(toml, table, global, $"{file}: global allowlist", warnings);
            }

            List<TomlTable> sourceRules = toml.Tables(root, "rules", "config");
            for (int i = 0; i < sourceRules.Count; i++)
            {
                if (ReadRule(toml, file, i, sourceRules[i], ids, global, warnings) is { } rule)
                {
                    rules.Add(rule);
                }
            }
        }

        version = versions.Count == 0 ? "gitleaks" : "gitleaks-" + string.Join('+', versions);
        return rules;
    }

    private static TomlTable Parse(string file)
    {
        string text = ImportFiles.ReadText(file);
        try
        {
            return TomlSerializer.Deserialize<TomlTable>(text)
                ?? throw new RuleImportException(file, 0, 0, "the file is empty");
        }
        catch (TomlException e)
        {
            throw new RuleImportException(file, e.Line ?? 0, e.Column ?? 0, "not valid TOML: " + FirstLine(e.Message));
        }
    }

    private static ImportedRule? ReadRule(TomlValues toml, string file, int index, TomlTable table,
        RuleIdAllocator ids, AllowSet global, List<string> warnings)
    {
        string where = $"rule #{(index + 1).ToString(CultureInfo.InvariantCulture)}";
        string? sourceId = toml.String(table, "id", where);
        if (string.IsNullOrWhiteSpace(sourceId))
        {
            warnings.Add($"{file}: {where}: has no id; skipped");
            return null;
        }

        where = sourceId;
        string? regex = toml.String(table, "regex", where);
        string? path = toml.String(table, "path", where);
        if (string.IsNullOrEmpty(regex))
        {
            warnings.Add(path is null
                ? $"{file}: {where}: has no regex; skipped"
                : $"{file}: {where}: path-only rule (matches file names, not content); skipped");
            return null;
        }

        string id = ids.Allocate(sourceId, out string? idNote);
        string prefix = $"{file}: {id}: ";
        if (idNote is not null)
        {
            warnings.Add(prefix + idNote);
        }

        if (path is not null)
        {
            warnings.Add(prefix + $"path condition `{path}` dropped (a stream has no file name); the regex applies everywhere");
        }

        PatternShape shape = PatternShape.Analyze(regex);
        if (shape.LargeRepeats.Count > 0)
        {
            var notes = new List<string>();
            regex = RepeatSplitter.Split(regex, shape, notes);
            warnings.AddRange(notes.Select(n => prefix + n));
            shape = PatternShape.Analyze(regex);
        }

        int? secret = toml.Integer(table, "secretGroup", where);
        if (secret is null or 0)
        {
            // gitleaks takes the first non-empty group, else the whole match. Group 1 says the same when it takes
            // part in every match; otherwise (alternative branches capturing their own secret, an optional group)
            // the whole match is masked, since group 1 alone would be empty whenever it does not take part.
            secret = shape.FirstGroupAlwaysTakesPart ? 1 : null;
            if (shape.CaptureGroups > 0 && secret is null)
            {
                warnings.Add(prefix + $"capture group 1 (of {shape.CaptureGroups}) does not take part in every match; "
                    + "imported with the whole match as the secret (gitleaks takes the first non-empty group)");
            }
        }

        var rule = new ImportedRule
        {
            Id = id,
            Description = toml.String(table, "description", where) ?? "",
            Pattern = regex,
            SecretGroup = secret,
            MinEntropy = toml.Number(table, "entropy", where),
            Keywords = Keywords(toml.Strings(table, "keywords", where), regex, prefix, warnings),
            MaxLength = ImportLimits.MaxLengthFor(shape),
        };

        var allow = new AllowSet();
        foreach (TomlTable al in toml.Tables(table, "allowlists", where).Concat(toml.Tables(table, "allowlist", where)))
        {
            AddAllowlist(toml, al, allow, prefix.TrimEnd(' ', ':') + ": allowlist", warnings);
        }

        allow.AddRange(global);
        allow.CopyTo(rule);
        return rule;
    }

    /// <summary>
    /// gitleaks runs a rule only when one of its keywords occurs anywhere in the scanned fragment; we require one
    /// inside the match. The two agree when the pattern forces a keyword into every match, so only then are
    /// keywords kept; otherwise they are dropped and the rule may mask more, never less, than gitleaks finds.
    /// </summary>
    private static List<string> Keywords(List<string> keywords, string pattern, string prefix, List<string> warnings)
    {
        if (keywords.Count == 0 || KeywordCoverage.IsImplied(pattern, keywords))
        {
            return keywords;
        }

        warnings.Add(prefix + $"keywords [{string.Join(", ", keywords)}] dropped: not every match of the pattern contains one "
            + "(gitleaks looks for keywords anywhere in the file, Hush inside the match)");
        return [];
    }

    private static string FirstLine(string message)
    {
        int nl = message.IndexOf('\n');
        return nl < 0 ? message : message[..nl];
    }
}
