using System.Globalization;
using System.Text;

namespace Hush.PolicyCompiler.Import;

/// <summary>
/// Writes a string as a YAML scalar that reads back as exactly the same string: single-quoted for one line,
/// a literal block (<c>|</c>) for several lines, double-quoted with escapes for anything else.
/// </summary>
/// <remarks>
/// Plain scalars are never used: a pattern such as <c>[a-z]+</c>, <c>*x</c> or <c>#…</c> would be read as
/// YAML syntax. Literal blocks keep <c>#</c> free-spacing comments and back-slashes exactly as written, which
/// is what makes imported <c>(?x)</c> patterns readable.
/// </remarks>
internal static class YamlScalar
{
    /// <summary>
    /// Appends <paramref name="value"/> as the value of a mapping key already written (the caller wrote
    /// <c>key:</c>). <paramref name="indent"/> is the column of the key; block content goes two columns deeper.
    /// </summary>
    public static void Append(StringBuilder sb, string value, int indent)
    {
        if (!value.Contains('\n') && IsPrintable(value, allowNewLine: false))
        {
            sb.Append(" '").Append(value.Replace("'", "''", StringComparison.Ordinal)).Append('\'');
        }
        else if (CanBeLiteralBlock(value))
        {
            AppendLiteralBlock(sb, value, indent + 2);
        }
        else
        {
            sb.Append(' ');
            AppendDoubleQuoted(sb, value);
        }
    }

    /// <summary>Formats a number the way YAML reads it back (invariant culture, shortest round-trip form).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static bool CanBeLiteralBlock(string value)
    {
        if (!IsPrintable(value, allowNewLine: true))
        {
            return false;
        }

        // A line of only blanks is ambiguous in a block (indentation or content?), and a tab at the start of the
        // first line confuses indentation detection in some readers: quote those instead.
        foreach (string line in value.TrimEnd('\n').Split('\n'))
        {
            if (line.Length > 0 && line.AsSpan().Trim(" \t").IsEmpty)
            {
                return false;
            }
        }

        return value.TrimEnd('\n').Length > 0;
    }

    private static void AppendLiteralBlock(StringBuilder sb, string value, int contentIndent)
    {
        string body = value.TrimEnd('\n');
        int trailing = value.Length - body.Length;
        sb.Append(" |");
        string first = body.Split('\n')[0];
        if (first.Length == 0 || first[0] is ' ' or '\t')
        {
            // Without an indentation indicator the reader would take the first line's own blanks as indentation.
            // The indicator is relative to the key's column, two less than the content's.
            sb.Append(2);
        }

        sb.Append(trailing switch { 0 => "-", 1 => "", _ => "+" }).Append('\n');
        foreach (string line in body.Split('\n'))
        {
            if (line.Length > 0)
            {
                sb.Append(' ', contentIndent).Append(line);
            }

            sb.Append('\n');
        }

        // Clip keeps the one line break already written; keep needs the rest as empty lines.
        for (int i = 1; i < trailing; i++)
        {
            sb.Append('\n');
        }

        // The caller appends the line break after every value; the block already ends with one.
        sb.Length--;
    }

    private static void AppendDoubleQuoted(StringBuilder sb, string value)
    {
        sb.Append('"');
        foreach (Rune r in value.EnumerateRunes())
        {
            switch (r.Value)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (IsPrintableRune(r))
                    {
                        sb.Append(r.ToString());
                    }
                    else if (r.IsBmp)
                    {
                        sb.Append("\\u").Append(r.Value.ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append("\\U").Append(r.Value.ToString("X8", CultureInfo.InvariantCulture));
                    }

                    break;
            }
        }

        sb.Append('"');
    }

    private static bool IsPrintable(string value, bool allowNewLine)
    {
        // A lone surrogate (never produced by reading UTF-8) cannot be written as YAML text; the escaped path
        // writes it as U+FFFD.
        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        foreach (Rune r in value.EnumerateRunes())
        {
            if (!(IsPrintableRune(r) || r.Value == '\t' || (allowNewLine && r.Value == '\n')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// YAML's printable set minus the characters some readers treat as line breaks (U+0085, U+2028, U+2029)
    /// and the byte-order mark.
    /// </summary>
    private static bool IsPrintableRune(Rune r) =>
        r.Value is (>= ' ' and <= '~') or (>= 0xA0 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF)
            && r.Value is not (0x2028 or 0x2029 or 0xFEFF);
}
