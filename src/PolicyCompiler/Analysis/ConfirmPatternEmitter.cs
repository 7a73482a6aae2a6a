using System.Globalization;
using System.Text;
using Hush.PolicyCompiler.Syntax;

namespace Hush.PolicyCompiler.Analysis;

/// <summary>
/// Writes a pattern tree as a .NET regex over Latin-1 text (each input byte is one char <c>\x00</c>–<c>\xFF</c>),
/// for <c>new Regex(pattern, RegexOptions.CultureInvariant)</c>.
/// </summary>
/// <remarks>
/// Only the secret group captures (as group 1). Every set is an explicit byte class, so no .NET option or Unicode
/// rule (case folding, Unicode <c>\w</c>/<c>\b</c>, <c>$</c> before a final newline) can change the meaning.
/// Non-ASCII code points of sets that are not byte-wide become alternations of UTF-8 byte-range sequences, exactly
/// what the automaton matches (see <see cref="CharSetExtensions"/>).
/// </remarks>
internal static class ConfirmPatternEmitter
{
    private const string WordClass = "[0-9A-Za-z_]";

    /// <summary>Emits <paramref name="root"/>; <paramref name="secretGroup"/> (if not 0) becomes the only capturing group.</summary>
    public static string Emit(RegexNode root, int secretGroup)
    {
        ArgumentNullException.ThrowIfNull(root);
        var sb = new StringBuilder();
        Write(root, secretGroup, sb);
        return sb.ToString();
    }

    private static void Write(RegexNode node, int secretGroup, StringBuilder sb)
    {
        switch (node)
        {
            case CharSetNode set:
                WriteSet(set, sb);
                break;
            case AssertionNode a:
                sb.Append(Assertion(a.Kind));
                break;
            case GroupNode g:
                sb.Append(g.Index == secretGroup ? "(" : "(?:");
                Write(g.Item, secretGroup, sb);
                sb.Append(')');
                break;
            case ConcatNode c:
                sb.Append("(?:");
                foreach (var item in c.Items)
                {
                    Write(item, secretGroup, sb);
                }

                sb.Append(')');
                break;
            case AlternationNode alt:
                sb.Append("(?:");
                for (var i = 0; i < alt.Alternatives.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append('|');
                    }

                    Write(alt.Alternatives[i], secretGroup, sb);
                }

                sb.Append(')');
                break;
            case RepeatNode r:
                sb.Append("(?:");
                Write(r.Item, secretGroup, sb);
                sb.Append(')');
                sb.Append(Quantifier(r));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(node));
        }
    }

    private static string Quantifier(RepeatNode r)
    {
        var q = (r.Min, r.Max) switch
        {
            (0, -1) => "*",
            (1, -1) => "+",
            (0, 1) => "?",
            (var n, -1) => string.Create(CultureInfo.InvariantCulture, $"{{{n},}}"),
            (var n, var m) when n == m => string.Create(CultureInfo.InvariantCulture, $"{{{n}}}"),
            (var n, var m) => string.Create(CultureInfo.InvariantCulture, $"{{{n},{m}}}"),
        };
        return r.Lazy ? q + "?" : q;
    }

    private static string Assertion(AssertionKind kind) => kind switch
    {
        AssertionKind.TextStart => @"\A",
        AssertionKind.TextEnd => @"\z",
        AssertionKind.LineStart => @"(?<![^\n])",
        AssertionKind.LineEnd => @"(?![^\n])",
        AssertionKind.WordBoundary => $"(?:(?<={WordClass})(?!{WordClass})|(?<!{WordClass})(?={WordClass}))",
        AssertionKind.NotWordBoundary => $"(?:(?<={WordClass})(?={WordClass})|(?<!{WordClass})(?!{WordClass}))",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>A set as one byte class, plus UTF-8 sequences for partial non-ASCII content.</summary>
    private static void WriteSet(CharSetNode set, StringBuilder sb)
    {
        var byteWide = set.IsByteWideNonAscii();
        var sequences = byteWide || !set.HasNonAscii() ? [] : set.NonAsciiUtf8Sequences();
        var cls = new StringBuilder();
        foreach (var r in set.Ranges)
        {
            if (r.First >= 0x80)
            {
                break;
            }

            AppendRange(cls, (byte)r.First, (byte)Math.Min(r.Last, 0x7F));
        }

        if (byteWide)
        {
            AppendRange(cls, 0x80, 0xFF);
        }

        if (sequences.Count == 0)
        {
            sb.Append('[').Append(cls).Append(']');
            return;
        }

        sb.Append("(?:");
        var first = true;
        if (cls.Length > 0)
        {
            sb.Append('[').Append(cls).Append(']');
            first = false;
        }

        foreach (var sequence in sequences)
        {
            if (!first)
            {
                sb.Append('|');
            }

            first = false;
            foreach (var (lo, hi) in sequence)
            {
                sb.Append('[');
                AppendRange(sb, lo, hi);
                sb.Append(']');
            }
        }

        sb.Append(')');
    }

    private static void AppendRange(StringBuilder sb, byte first, byte last)
    {
        sb.Append(CultureInfo.InvariantCulture, $"\\x{first:X2}");
        if (last != first)
        {
            sb.Append(CultureInfo.InvariantCulture, $"-\\x{last:X2}");
        }
    }
}
