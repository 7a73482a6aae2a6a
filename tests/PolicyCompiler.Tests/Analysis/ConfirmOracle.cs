using System.Text;
using System.Text.RegularExpressions;
using Hush.PolicyCompiler.Analysis;
using Hush.PolicyCompiler.Syntax;

namespace Hush.PolicyCompiler.Tests.Analysis;

/// <summary>Runs a dialect pattern through .NET directly and through its emitted confirm pattern, for comparison.</summary>
internal static class ConfirmOracle
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(2);

    /// <summary>Whether .NET reads the original pattern text with the dialect's meaning (on ASCII input without \v).</summary>
    public static bool IsTranslatable(string pattern) =>
        !pattern.Contains("[:", StringComparison.Ordinal)
        && !pattern.Contains("\\x{", StringComparison.Ordinal)
        && !pattern.Contains("(?U", StringComparison.Ordinal)
        && !pattern.Contains("\\Q", StringComparison.Ordinal)
        && !Regex.IsMatch(pattern, @"\\0|\\[1-7][0-7]"); // octal escapes differ

    /// <summary>The original pattern as .NET syntax.</summary>
    public static Regex Original(string pattern) =>
        new(Translate(FlattenFreeSpacing(pattern)), RegexOptions.CultureInvariant, s_timeout);

    /// <summary>RE2/Rust spellings .NET lacks: <c>(?P&lt;</c> and escaped <c>_</c>.</summary>
    private static string Translate(string pattern)
    {
        var sb = new StringBuilder(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\' && i + 1 < pattern.Length)
            {
                if (pattern[i + 1] != '_')
                {
                    sb.Append('\\');
                }

                sb.Append(pattern[++i]);
            }
            else if (string.CompareOrdinal(pattern, i, "(?P<", 0, 4) == 0)
            {
                sb.Append("(?<");
                i += 3;
            }
            else
            {
                sb.Append(pattern[i]);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Textual free-spacing removal for patterns with a leading <c>(?x…)</c> (Rust semantics: white space inside
    /// classes is ignored too, which .NET's x mode does not do), written independently of the parser.
    /// </summary>
    public static string FlattenFreeSpacing(string pattern)
    {
        var head = Regex.Match(pattern, @"^\s*\(\?([a-zA-Z]*)x([a-zA-Z]*)\)");
        if (!head.Success)
        {
            return pattern;
        }

        var flags = head.Groups[1].Value + head.Groups[2].Value;
        var sb = new StringBuilder(flags.Length > 0 ? $"(?{flags})" : string.Empty);
        var inClass = false;
        for (var i = head.Length; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                sb.Append(c).Append(pattern[++i]);
            }
            else if (char.IsWhiteSpace(c))
            {
                continue;
            }
            else if (!inClass && c == '#')
            {
                while (i + 1 < pattern.Length && pattern[i + 1] != '\n')
                {
                    i++;
                }
            }
            else if (!inClass && c == '(' && i + 2 < pattern.Length && pattern[i + 1] == '?' && pattern[i + 2] == '#')
            {
                i = pattern.IndexOf(')', i);
            }
            else
            {
                if (c == '[' && !inClass)
                {
                    inClass = true;
                    sb.Append(c);
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                    {
                        sb.Append(pattern[++i]);
                    }

                    if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                    {
                        sb.Append(pattern[++i]);
                    }

                    continue;
                }

                if (c == ']' && inClass)
                {
                    inClass = false;
                }

                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>The emitted confirm pattern, compiled as the matcher does.</summary>
    public static Regex Confirm(AnalyzedPattern analyzed) => new(analyzed.ConfirmPattern, RegexOptions.CultureInvariant, s_timeout);

    /// <summary>.NET's number for dialect group <paramref name="group"/> (.NET numbers named groups after unnamed ones).</summary>
    public static string GroupKey(ParsedPattern parsed, int group)
    {
        var name = parsed.GroupNames.FirstOrDefault(kv => kv.Value == group).Key;
        if (name is not null)
        {
            return name;
        }

        var named = parsed.GroupNames.Values.ToHashSet();
        return Enumerable.Range(1, group).Count(g => !named.Contains(g)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Match ends and secret spans, in order.</summary>
    public static List<(int End, int Start, int Length)> Spans(Regex regex, string input, string group)
    {
        var result = new List<(int, int, int)>();
        foreach (Match m in regex.Matches(input))
        {
            var g = m.Groups[group];
            result.Add((m.Index + m.Length, g.Success ? g.Index : -1, g.Success ? g.Length : -1));
        }

        return result;
    }

    /// <summary>The same text as Latin-1 (one char per UTF-8 byte), as the matcher feeds the confirm pattern.</summary>
    public static string AsBytes(string text) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text));
}
