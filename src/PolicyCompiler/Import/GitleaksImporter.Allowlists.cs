using Tomlyn.Model;

namespace Hush.PolicyCompiler.Import;

/// <summary>gitleaks allowlists → our <c>allow:</c> entries.</summary>
internal static partial class GitleaksImporter
{
    /// <summary>
    /// Adds what can be imported from one gitleaks allowlist to <paramref name="into"/> and warns about the rest.
    /// </summary>
    /// <remarks>
    /// Our <c>allow</c> entries apply to the secret. gitleaks criteria: <c>regexes</c> (against the secret by
    /// default, or the whole match or line with <c>regexTarget</c>), <c>stopwords</c> (substrings of the secret),
    /// <c>paths</c> and <c>commits</c>. With the default condition OR each criterion exempts on its own, so
    /// importing a subset only exempts less. With <c>condition = "AND"</c> every criterion must hold, so one
    /// criterion alone would exempt more than gitleaks does: such an allowlist is imported only when it has a
    /// single criterion and that one is importable.
    /// </remarks>
    private static void AddAllowlist(TomlValues toml, TomlTable table, AllowSet into, string where, List<string> warnings)
    {
        string condition = (toml.String(table, "condition", where) ?? "OR").Trim().ToUpperInvariant();
        string target = (toml.String(table, "regexTarget", where) ?? "secret").Trim().ToLowerInvariant();
        List<string> regexes = toml.Strings(table, "regexes", where);
        List<string> stopwords = toml.Strings(table, "stopwords", where);
        List<string> paths = toml.Strings(table, "paths", where);
        List<string> commits = toml.Strings(table, "commits", where);
        if (toml.String(table, "description", where) is { Length: > 0 } description)
        {
            where += $" \"{description}\"";
        }

        var criteria = new List<string>();
        AddIfAny(criteria, regexes.Count, $"regexes (regexTarget {target})");
        AddIfAny(criteria, stopwords.Count, "stopwords");
        AddIfAny(criteria, paths.Count, "paths");
        AddIfAny(criteria, commits.Count, "commits");
        if (criteria.Count == 0)
        {
            return;
        }

        if (condition == "AND" && criteria.Count > 1)
        {
            warnings.Add($"{where}: skipped: condition AND over {string.Join(" + ", criteria)} cannot be expressed (Hush allow entries test the secret only)");
            return;
        }

        if (condition is not ("AND" or "OR"))
        {
            warnings.Add($"{where}: skipped: unknown condition `{condition}`");
            return;
        }

        if (regexes.Count > 0)
        {
            if (target == "secret")
            {
                regexes.ForEach(into.AddRegex);
            }
            else
            {
                warnings.Add($"{where}: {regexes.Count} regex(es) with regexTarget `{target}` skipped (Hush allow regexes test the secret only)");
            }
        }

        stopwords.ForEach(into.AddLiteral);
        if (paths.Count > 0)
        {
            warnings.Add($"{where}: {paths.Count} path(s) skipped (a stream has no file name)");
        }

        if (commits.Count > 0)
        {
            warnings.Add($"{where}: {commits.Count} commit(s) skipped (a stream has no commits)");
        }
    }

    private static void AddIfAny(List<string> criteria, int count, string name)
    {
        if (count > 0)
        {
            criteria.Add(name);
        }
    }
}
