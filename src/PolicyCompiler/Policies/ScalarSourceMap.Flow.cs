namespace Hush.PolicyCompiler.Policies;

/// <summary>Rebuilding plain, single-quoted and double-quoted scalars.</summary>
internal sealed partial class ScalarSourceMap
{
    /// <summary>
    /// Rebuilds a flow scalar: quotes and escapes are resolved, and line breaks fold as YAML says (one break is a
    /// space, each further empty line a newline, white space around breaks is dropped).
    /// </summary>
    private static List<int>? Flow(string text, int start, int end, char quote, string value)
    {
        var chars = new List<char>(value.Length + 4);
        var indices = new List<int>(value.Length + 4);
        var i = start;
        var stop = end;
        if (quote != '\0')
        {
            if (i >= end || text[i] != quote)
            {
                return null;
            }

            i++;
            // The parser's end mark is just past the closing quote.
            stop = end - 1;
        }

        // Unescaped blanks are held back: they are dropped when a line break follows them.
        var pendingBlanks = new List<int>();
        while (i < stop)
        {
            var c = text[i];
            if (IsBreak(c))
            {
                pendingBlanks.Clear();
                var breakIndex = i;
                var breaks = 0;
                while (i < stop && (IsBreak(text[i]) || IsBlank(text[i])))
                {
                    if (IsBreak(text[i]))
                    {
                        breaks++;
                        if (breaks > 1)
                        {
                            chars.Add('\n');
                            indices.Add(i);
                        }

                        i = SkipBreak(text, i);
                    }
                    else
                    {
                        i++;
                    }
                }

                if (breaks == 1)
                {
                    chars.Add(' ');
                    indices.Add(breakIndex);
                }

                continue;
            }

            if (IsBlank(c))
            {
                pendingBlanks.Add(i);
                i++;
                continue;
            }

            foreach (var b in pendingBlanks)
            {
                chars.Add(text[b]);
                indices.Add(b);
            }

            pendingBlanks.Clear();
            if (quote == '\'' && c == '\'' && i + 1 < stop && text[i + 1] == '\'')
            {
                chars.Add('\'');
                indices.Add(i);
                i += 2;
            }
            else if (quote == '"' && c == '\\' && i + 1 < stop)
            {
                var next = DoubleQuotedEscape(text, i, stop, chars, indices);
                if (next < 0)
                {
                    return null;
                }

                i = next;
            }
            else
            {
                chars.Add(c);
                indices.Add(i);
                i++;
            }
        }

        foreach (var b in pendingBlanks)
        {
            chars.Add(text[b]);
            indices.Add(b);
        }

        return Finish(chars, indices, value, stop);
    }

    /// <summary>Resolves the escape starting with the backslash at <paramref name="i"/>; returns the next index or -1.</summary>
    private static int DoubleQuotedEscape(string text, int i, int stop, List<char> chars, List<int> indices)
    {
        var e = text[i + 1];
        if (IsBreak(e))
        {
            // An escaped line break joins the lines with nothing between them.
            var j = SkipBreak(text, i + 1);
            while (j < stop && IsBlank(text[j]))
            {
                j++;
            }

            return j;
        }

        var hexDigits = e switch { 'x' => 2, 'u' => 4, 'U' => 8, _ => 0 };
        if (hexDigits > 0)
        {
            if (i + 2 + hexDigits > stop
                || !int.TryParse(text.AsSpan(i + 2, hexDigits), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var cp)
                || cp > 0x10FFFF)
            {
                return -1;
            }

            foreach (var ch in char.ConvertFromUtf32(cp))
            {
                chars.Add(ch);
                indices.Add(i);
            }

            return i + 2 + hexDigits;
        }

        char? resolved = e switch
        {
            '0' => '\0',
            'a' => '\a',
            'b' => '\b',
            't' or '\t' => '\t',
            'n' => '\n',
            'v' => '\v',
            'f' => '\f',
            'r' => '\r',
            'e' => '\x1B',
            ' ' => ' ',
            '"' => '"',
            '/' => '/',
            '\\' => '\\',
            'N' => '\u0085',
            '_' => '\u00A0',
            'L' => '\u2028',
            'P' => '\u2029',
            _ => null,
        };
        if (resolved is null)
        {
            return -1;
        }

        chars.Add(resolved.Value);
        indices.Add(i);
        return i + 2;
    }
}
