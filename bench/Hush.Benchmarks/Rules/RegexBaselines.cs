using System.Text;
using System.Text.RegularExpressions;
using Hush.Policy.Rules;

namespace Hush.Benchmarks.Rules;

/// <summary>
/// The .NET Regex configurations Hush is compared with, built from the same rules the matcher runs, over the
/// corpus decoded as Latin-1 (one char per byte, the alphabet of <see cref="CompiledRule.ConfirmPattern"/>).
/// </summary>
internal sealed class RegexBaselines
{
    /// <summary>Rules per alternation in the NonBacktracking configuration.</summary>
    public const int GroupSize = 16;

    private const string Word = "[0-9A-Za-z_]";

    // The confirm patterns spell RE2's ASCII assertions as look-arounds, which NonBacktracking rejects; the
    // baselines use .NET's own assertions instead (Unicode \b: over Latin-1 text it also counts letters such as
    // 0xE9 as word characters, which does not change the cost of matching).
    private static readonly (string From, string To)[] s_assertions =
    [
        ($"(?:(?<={Word})(?!{Word})|(?<!{Word})(?={Word}))", @"\b"),
        ($"(?:(?<={Word})(?={Word})|(?<!{Word})(?!{Word}))", @"\B"),
        (@"(?<![^\n])", "(?m:^)"),
        (@"(?![^\n])", "(?m:$)"),
    ];

    private static readonly (string Posix, string Ranges)[] s_posix =
    [
        ("[:alnum:]", "a-zA-Z0-9"), ("[:alpha:]", "a-zA-Z"), ("[:digit:]", "0-9"), ("[:lower:]", "a-z"), ("[:upper:]", "A-Z"),
        ("[:xdigit:]", "0-9A-Fa-f"), ("[:space:]", "\\t\\n\\v\\f\\r "), ("[:word:]", "0-9A-Za-z_"), ("[:punct:]", "!-/:-@\\[-`{-~"),
    ];

    private RegexBaselines(string[] patterns) => Patterns = patterns;

    /// <summary>The patterns, one per rule.</summary>
    public string[] Patterns { get; }

    /// <summary>One <see cref="RegexOptions.Compiled"/> regex per rule (after <see cref="BuildCompiled"/>).</summary>
    public Regex[] Compiled { get; private set; } = [];

    /// <summary>Rules .NET refused to build as Compiled.</summary>
    public int CompiledRejected { get; private set; }

    /// <summary>NonBacktracking alternations of up to <see cref="GroupSize"/> rules (after <see cref="BuildGrouped"/>).</summary>
    public Regex[] Grouped { get; private set; } = [];

    /// <summary>Groups .NET's NonBacktracking engine rejected (skipped).</summary>
    public int GroupsRejected { get; private set; }

    /// <summary>Rules inside the rejected groups.</summary>
    public int RulesInRejectedGroups { get; private set; }

    /// <summary>Groups formed (built or rejected).</summary>
    public int GroupsAttempted { get; private set; }

    /// <summary>Rules whose source pattern .NET rejected, so their confirm pattern is used instead.</summary>
    public int FromConfirmPattern { get; private set; }

    /// <summary>
    /// Collects one .NET pattern per rule of <paramref name="set"/> that applies to <paramref name="direction"/>:
    /// the rule's source pattern (RE2, with <c>(?P&lt;</c> and POSIX classes translated), as a .NET developer would
    /// write it; when .NET rejects that, the compiler's confirm pattern (whose bounded repetitions are expanded,
    /// which makes NonBacktracking automata larger, so it is only the fallback).
    /// </summary>
    public static RegexBaselines For(PolicySet set, RuleDirection direction)
    {
        var sources = set.Document.AllRules();
        var compiled = set.Policy.Rules;
        var patterns = new List<string>();
        var fromConfirm = 0;
        for (var i = 0; i < compiled.Count; i++)
        {
            if ((compiled[i].Direction & direction) == 0)
            {
                continue;
            }

            var source = i < sources.Count && sources[i].Id == compiled[i].Id ? FromRe2(sources[i].Pattern) : null;
            if (source is not null && Accepts(source))
            {
                patterns.Add(source);
            }
            else
            {
                patterns.Add(ToDotNet(compiled[i].ConfirmPattern));
                fromConfirm++;
            }
        }

        return new RegexBaselines([.. patterns]) { FromConfirmPattern = fromConfirm };
    }

    /// <summary>Translates the RE2 spellings .NET lacks: named groups <c>(?P&lt;n&gt;</c> and POSIX classes.</summary>
    public static string FromRe2(string pattern)
    {
        var p = pattern.Replace("(?P<", "(?<", StringComparison.Ordinal);
        foreach (var (posix, ranges) in s_posix)
        {
            p = p.Replace(posix, ranges, StringComparison.Ordinal);
        }

        return p;
    }

    private static bool Accepts(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>A confirm pattern with its ASCII look-around assertions replaced by .NET's <c>\b \B ^ $</c>.</summary>
    public static string ToDotNet(string confirmPattern)
    {
        var p = confirmPattern;
        foreach (var (from, to) in s_assertions)
        {
            p = p.Replace(from, to, StringComparison.Ordinal);
        }

        return p;
    }

    /// <summary>Decodes bytes one char per byte, the alphabet the confirm patterns are written for.</summary>
    public static string Latin1(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    /// <summary>Builds the Compiled-per-rule configuration.</summary>
    public RegexBaselines BuildCompiled()
    {
        var list = new List<Regex>();
        CompiledRejected = 0;
        foreach (var p in Patterns)
        {
            try
            {
                list.Add(new Regex(p, RegexOptions.Compiled | RegexOptions.CultureInvariant));
            }
            catch (ArgumentException)
            {
                CompiledRejected++;
            }
        }

        Compiled = [.. list];
        return this;
    }

    /// <summary>
    /// Builds the NonBacktracking configuration: rules are packed greedily, in order, into alternations of up to
    /// <see cref="GroupSize"/> rules, closing a group early when adding the next rule makes .NET reject it (the
    /// automaton grows past its node limit). A rule rejected even alone is skipped and counted, as is a group that
    /// fails its trial match over <paramref name="probe"/>.
    /// </summary>
    public RegexBaselines BuildGrouped(string probe)
    {
        var list = new List<Regex>();
        GroupsRejected = 0;
        RulesInRejectedGroups = 0;
        GroupsAttempted = 0;
        var members = new List<string>();
        Regex? current = null;
        foreach (var pattern in Patterns)
        {
            members.Add(pattern);
            var candidate = members.Count <= GroupSize ? TryNonBacktracking(members) : null;
            if (candidate is not null)
            {
                current = candidate;
                continue;
            }

            members.RemoveAt(members.Count - 1);
            Close(current, members.Count, probe, list);
            members.Clear();
            members.Add(pattern);
            current = TryNonBacktracking(members);
            if (current is null)
            {
                GroupsAttempted++;
                GroupsRejected++;
                RulesInRejectedGroups++;
                members.Clear();
            }
        }

        Close(current, members.Count, probe, list);
        Grouped = [.. list];
        return this;
    }

    private void Close(Regex? group, int rules, string probe, List<Regex> list)
    {
        if (group is null || rules == 0)
        {
            return;
        }

        GroupsAttempted++;
        try
        {
            _ = group.Count(probe);
            list.Add(group);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException)
        {
            GroupsRejected++;
            RulesInRejectedGroups += rules;
        }
    }

    private static Regex? TryNonBacktracking(List<string> patterns)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < patterns.Count; i++)
        {
            // A free-spacing pattern may end in a # comment, which would swallow the closing parenthesis.
            var p = patterns[i];
            var freeSpacing = Regex.IsMatch(p, @"^\(\?[a-z]*x[a-z]*\)", RegexOptions.CultureInvariant);
            sb.Append(i == 0 ? "" : "|").Append("(?:").Append(p).Append(freeSpacing ? "\n)" : ")");
        }

        try
        {
            return new Regex(sb.ToString(), RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Total matches of every Compiled regex over <paramref name="text"/>.</summary>
    public long CountCompiled(string text)
    {
        long n = 0;
        foreach (var r in Compiled)
        {
            n += r.Count(text);
        }

        return n;
    }

    /// <summary>Total matches of every NonBacktracking group over <paramref name="text"/>.</summary>
    public long CountGrouped(string text)
    {
        long n = 0;
        foreach (var r in Grouped)
        {
            n += r.Count(text);
        }

        return n;
    }

    /// <summary>One line describing what was built, for logs and the report.</summary>
    public string Describe() =>
        $"{Patterns.Length} rules ({FromConfirmPattern} via confirm pattern); Compiled: {Compiled.Length} built, {CompiledRejected} rejected; NonBacktracking: {GroupsAttempted} groups of ≤{GroupSize}, " +
        $"{GroupsRejected} rejected ({RulesInRejectedGroups} rules skipped)";
}
