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
    private const int KindHmac = 3;

    /// <summary>Hex digits of <c>{hmac}</c> without an explicit count.</summary>
    public const int DefaultHmacDigits = 12;

    private readonly (int Kind, byte[] Literal, int Keep)[] _parts;

    private ReplacementTemplate((int Kind, byte[] Literal, int Keep)[] parts, bool usesHmac)
    {
        _parts = parts;
        UsesHmac = usesHmac;
    }

    /// <summary>The template has a <c>{hmac}</c> placeholder and so needs the deployment's placeholder key.</summary>
    public bool UsesHmac { get; }

    /// <summary>Parses <paramref name="template"/> for the rule <paramref name="ruleId"/> ({id} is expanded now).</summary>
    /// <exception cref="FormatException">An unknown placeholder or an unbalanced brace.</exception>
    public static ReplacementTemplate Parse(string template, string ruleId)
    {
        var parts = new List<(int Kind, byte[] Literal, int Keep)>();
        var literal = new StringBuilder();
        var usesHmac = false;
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
            else if (name == "hmac")
            {
                Flush(parts, literal);
                parts.Add((KindHmac, [], DefaultHmacDigits));
                usesHmac = true;
            }
            else if (name.StartsWith("hmac:", StringComparison.Ordinal)
                && int.TryParse(name.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var digits)
                && digits is >= 1 and <= 64)
            {
                Flush(parts, literal);
                parts.Add((KindHmac, [], digits));
                usesHmac = true;
            }
            else
            {
                throw new FormatException($"unknown placeholder '{{{name}}}' at offset {i} in replacement template");
            }

            i = close;
        }

        Flush(parts, literal);
        return new ReplacementTemplate([.. parts], usesHmac);
    }

    /// <summary>
    /// Writes the replacement of a masked span: <c>{len}</c> is the span's length and <c>{keep:N}</c> its first
    /// <c>min(N, length)</c> bytes.
    /// </summary>
    public int Render(ReadOnlySpan<byte> secret, IBufferWriter<byte> output) => Render(secret, output, []);

    /// <summary>
    /// Writes the replacement of a masked span; <c>{hmac:N}</c> is the first N lower-case hex digits of
    /// HMAC-SHA-256(<paramref name="hmacKey"/>, span): the same secret always gets the same placeholder under one key,
    /// and the placeholder reveals nothing about the secret without it. Returns the bytes written.
    /// </summary>
    public int Render(ReadOnlySpan<byte> secret, IBufferWriter<byte> output, ReadOnlySpan<byte> hmacKey)
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
                case KindHmac:
                    total += WriteHmac(secret, output, hmacKey, keep);
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

    private static int WriteHmac(ReadOnlySpan<byte> secret, IBufferWriter<byte> output, ReadOnlySpan<byte> key, int digits)
    {
        Span<byte> mac = stackalloc byte[32];
        System.Security.Cryptography.HMACSHA256.HashData(key, secret, mac);
        var span = output.GetSpan(digits);
        for (var d = 0; d < digits; d++)
        {
            var nibble = (d & 1) == 0 ? mac[d >> 1] >> 4 : mac[d >> 1] & 0xF;
            span[d] = (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
        }

        output.Advance(digits);
        return digits;
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
