using System.Buffers;
using System.Text;

namespace Hush.Policy.Matching;

/// <summary>
/// A parsed replacement template: literal text with <c>{id}</c>, <c>{len}</c>, <c>{keep:N}</c>, <c>{{</c> and
/// <c>}}</c>. Parsed once per rule; rendering writes UTF-8 bytes and allocates nothing.
/// </summary>
internal sealed class ReplacementTemplate
{
    private const int KindLiteral = 0;
    private const int KindLength = 1;
    private const int KindKeep = 2;

    private readonly (int Kind, byte[] Literal, int Keep)[] _parts;

    private ReplacementTemplate((int Kind, byte[] Literal, int Keep)[] parts) => _parts = parts;

    /// <summary>Parses <paramref name="template"/> for the rule <paramref name="ruleId"/> ({id} is expanded now).</summary>
    /// <exception cref="FormatException">An unknown placeholder or an unbalanced brace.</exception>
    public static ReplacementTemplate Parse(string template, string ruleId)
    {
        var parts = new List<(int Kind, byte[] Literal, int Keep)>();
        var literal = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '}')
            {
                if (i + 1 < template.Length && template[i + 1] == '}')
                {
                    literal.Append('}');
                    i++;
                    continue;
                }

                throw new FormatException($"unmatched '}}' at offset {i} in replacement template");
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            if (i + 1 < template.Length && template[i + 1] == '{')
            {
                literal.Append('{');
                i++;
                continue;
            }

            var close = template.IndexOf('}', i + 1);
            if (close < 0)
            {
                throw new FormatException($"unclosed '{{' at offset {i} in replacement template");
            }

            var name = template[(i + 1)..close];
            if (name == "id")
            {
                literal.Append(ruleId);
            }
            else if (name == "len")
            {
                Flush(parts, literal);
                parts.Add((KindLength, [], 0));
            }
            else if (name.StartsWith("keep:", StringComparison.Ordinal)
                && int.TryParse(name.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var keep))
            {
                Flush(parts, literal);
                parts.Add((KindKeep, [], keep));
            }
            else
            {
                throw new FormatException($"unknown placeholder '{{{name}}}' at offset {i} in replacement template");
            }

            i = close;
        }

        Flush(parts, literal);
        return new ReplacementTemplate([.. parts]);
    }

    /// <summary>
    /// Writes the replacement of a masked span: <c>{len}</c> is the span's length and <c>{keep:N}</c> its first
    /// <c>min(N, length)</c> bytes.
    /// </summary>
    public int Render(ReadOnlySpan<byte> secret, IBufferWriter<byte> output)
    {
        var total = 0;
        foreach (var (kind, literal, keep) in _parts)
        {
            switch (kind)
            {
                case KindLiteral:
                    output.Write(literal);
                    total += literal.Length;
                    break;
                case KindLength:
                    var span = output.GetSpan(11);
                    secret.Length.TryFormat(span, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
                    output.Advance(written);
                    total += written;
                    break;
                default:
                    var kept = secret[..Math.Min(keep, secret.Length)];
                    output.Write(kept);
                    total += kept.Length;
                    break;
            }
        }

        return total;
    }

    private static void Flush(List<(int Kind, byte[] Literal, int Keep)> parts, StringBuilder literal)
    {
        if (literal.Length > 0)
        {
            parts.Add((KindLiteral, Encoding.UTF8.GetBytes(literal.ToString()), 0));
            literal.Clear();
        }
    }
}
