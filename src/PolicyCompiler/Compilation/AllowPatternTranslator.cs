using System.Text;

namespace Hush.PolicyCompiler.Compilation;

/// <summary>
/// Rewrites an allow regex from the policy dialect (RE2, ASCII classes) into an equivalent .NET pattern for
/// confirmation, which matches over Latin-1 characters: .NET's <c>\d \w \s</c> are Unicode-aware and <c>(?P&lt;</c>
/// is not .NET syntax, so those are spelled out.
/// </summary>
/// <remarks>Only called on patterns that <see cref="Syntax.RegexParser"/> accepted, so the input is well formed.</remarks>
internal static class AllowPatternTranslator
{
    private const string Word = "0-9A-Za-z_";
    private const string Space = @"\t\n\f\r ";

    /// <summary>The .NET form of <paramref name="pattern"/>.</summary>
    public static string ToDotNet(string pattern)
    {
        var sb = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var e = pattern[++i];
                var replacement = (e, inClass) switch
                {
                    ('d', false) => "[0-9]",
                    ('D', false) => "[^0-9]",
                    ('w', false) => $"[{Word}]",
                    ('W', false) => $"[^{Word}]",
                    ('s', false) => $"[{Space}]",
                    ('S', false) => $"[^{Space}]",
                    ('d', true) => "0-9",
                    ('w', true) => Word,
                    ('s', true) => Space,
                    ('b', false) => $"(?:(?<=[{Word}])(?![{Word}])|(?<![{Word}])(?=[{Word}]))",
                    ('B', false) => $"(?:(?<=[{Word}])(?=[{Word}])|(?<![{Word}])(?![{Word}]))",
                    _ => null,
                };
                sb.Append(replacement ?? "\\" + e);
                continue;
            }

            if (!inClass && c == '(' && pattern.AsSpan(i).StartsWith("(?P<"))
            {
                sb.Append("(?<");
                i += 3;
                continue;
            }

            if (c == '[' && !inClass)
            {
                inClass = true;
                sb.Append(c);
                // A ']' right after '[' or '[^' is a literal member, not the end of the class.
                if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                {
                    sb.Append('^');
                    i++;
                }

                if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                {
                    sb.Append("\\]");
                    i++;
                }

                continue;
            }

            if (c == '[' && inClass && pattern.AsSpan(i).StartsWith("[:"))
            {
                // POSIX classes pass through unchanged only in RE2; .NET has none, so keep them for the parser's
                // own semantics via an explicit list.
                var close = pattern.IndexOf(":]", i + 2, StringComparison.Ordinal);
                if (close > 0 && Posix(pattern[(i + 2)..close]) is { } members)
                {
                    sb.Append(members);
                    i = close + 1;
                    continue;
                }
            }

            if (c == ']' && inClass)
            {
                inClass = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static string? Posix(string name) => name switch
    {
        "alnum" => "0-9A-Za-z",
        "alpha" => "A-Za-z",
        "ascii" => @"\x00-\x7F",
        "blank" => @"\t ",
        "cntrl" => @"\x00-\x1F\x7F",
        "digit" => "0-9",
        "graph" => @"!-~",
        "lower" => "a-z",
        "print" => @" -~",
        "punct" => @"!-/:-@\[-`{-~",
        "space" => @"\t\n\v\f\r ",
        "upper" => "A-Z",
        "word" => Word,
        "xdigit" => "0-9A-Fa-f",
        _ => null,
    };
}
