using System.Globalization;

namespace Hush.PolicyCompiler.Policies;

/// <summary>
/// Checks replacement templates: <c>{id}</c>, <c>{len}</c>, <c>{keep:N}</c>, <c>{hmac}</c>/<c>{hmac:N}</c> (stable
/// keyed placeholder, N hex digits), <c>{{</c> and <c>}}</c>.
/// </summary>
internal static class ReplacementTemplate
{
    /// <summary>Largest N accepted in <c>{keep:N}</c>.</summary>
    public const int MaxKeep = 64;

    /// <summary>Fewest hex digits accepted in <c>{hmac:N}</c> (fewer would make unrelated secrets collide often).</summary>
    public const int MinHmac = 8;

    /// <summary>Most hex digits accepted in <c>{hmac:N}</c> (all of HMAC-SHA-256).</summary>
    public const int MaxHmac = 64;

    /// <summary>Every problem in <paramref name="template"/>, each with the offset of the offending brace.</summary>
    public static List<(int Offset, string Message)> Problems(string template)
    {
        var problems = new List<(int, string)>();
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                i += 2;
            }
            else if (c == '}' && i + 1 < template.Length && template[i + 1] == '}')
            {
                i += 2;
            }
            else if (c == '}')
            {
                problems.Add((i, "replacement: unmatched `}` (write `}}` for a literal brace)"));
                i++;
            }
            else if (c == '{')
            {
                var close = template.IndexOf('}', i + 1);
                if (close < 0)
                {
                    problems.Add((i, "replacement: unterminated placeholder (write `{{` for a literal brace)"));
                    break;
                }

                var name = template[(i + 1)..close];
                if (!IsKnown(name))
                {
                    problems.Add((i, $"replacement: unknown placeholder `{{{name}}}` (expected {{id}}, {{len}}, {{keep:N}} with N in 0..{MaxKeep}, or {{hmac}} / {{hmac:N}} with N in {MinHmac}..{MaxHmac})"));
                }

                i = close + 1;
            }
            else
            {
                i++;
            }
        }

        return problems;
    }

    private static bool IsKnown(string name) =>
        name is "id" or "len" or "hmac"
        || (name.StartsWith("keep:", StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n <= MaxKeep)
        || (name.StartsWith("hmac:", StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            && h is >= MinHmac and <= MaxHmac);
}
