namespace Hush.PolicyCompiler.Syntax;

/// <summary>Backslash escapes, shared by atoms and class items, and the rejected escape forms.</summary>
internal sealed partial class RegexParser
{
    private static readonly CodePointRange[] s_digit = [new('0', '9')];
    private static readonly CodePointRange[] s_word = [new('0', '9'), new('A', 'Z'), new('_', '_'), new('a', 'z')];

    // Go's \s is [\t\n\f\r ]: no \v.
    private static readonly CodePointRange[] s_space = [new('\t', '\n'), new('\f', '\r'), new(' ', ' ')];

    /// <summary>An escape outside a class: an assertion, a Perl class or one (folded) character.</summary>
    private RegexNode ParseEscapeAtom()
    {
        var start = _pos;
        switch (PeekAt(1))
        {
            case 'A': _pos += 2; return new AssertionNode(start, AssertionKind.TextStart);
            case 'z': _pos += 2; return new AssertionNode(start, AssertionKind.TextEnd);
            case 'b': _pos += 2; return new AssertionNode(start, AssertionKind.WordBoundary);
            case 'B': _pos += 2; return new AssertionNode(start, AssertionKind.NotWordBoundary);
        }

        var ranges = ParseEscape(inClass: false);
        return Set(start, Has(RegexFlags.IgnoreCase) ? CharSetOps.FoldAscii(ranges) : ranges);
    }

    /// <summary>Parses an escape at <c>\</c> into its (unfolded) code point set.</summary>
    private List<CodePointRange> ParseEscape(bool inClass)
    {
        var start = _pos;
        if (_pos + 1 >= _pattern.Length)
        {
            throw new RegexSyntaxException(start, "trailing backslash at end of pattern");
        }

        var c = _pattern[_pos + 1];
        _pos += 2;
        switch (c)
        {
            case 'd': return [.. s_digit];
            case 'D': return CharSetOps.Negate([.. s_digit]);
            case 'w': return [.. s_word];
            case 'W': return CharSetOps.Negate([.. s_word]);
            case 's': return [.. s_space];
            case 'S': return CharSetOps.Negate([.. s_space]);
            case 'p' or 'P':
                throw Unsupported(start, $"Unicode class `{UnicodeClassText(start)}`", "Unicode classes are not supported; the dialect's classes are ASCII, list the characters explicitly");
        }

        var cp = c switch
        {
            'a' => 7,
            'f' => '\f',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\v',
            'x' => ParseHexEscape(start),
            >= '0' and <= '7' => ParseOctalOrReject(start, c),
            _ => -1,
        };
        if (cp >= 0)
        {
            return [new CodePointRange(cp, cp)];
        }

        if (c < 0x80 && !char.IsAsciiLetterOrDigit(c))
        {
            // Any escaped ASCII punctuation or space is itself (Go); free spacing relies on `\ ` and `\#`.
            return [new CodePointRange(c, c)];
        }

        throw RejectEscape(start, c, inClass);
    }

    private RegexSyntaxException RejectEscape(int start, char c, bool inClass)
    {
        var text = $"\\{c}";
        return c switch
        {
            '8' or '9' or 'k' or 'g' => Unsupported(start, $"backreference `{text}`", AutomataWhy + "; a backreference needs memory of the matched text"),
            'Z' => Unsupported(start, "anchor `\\Z`", "it matches before a final newline; use `$` or `\\z`"),
            'G' => Unsupported(start, "anchor `\\G`", "there is no previous-match position in streaming matching"),
            'K' => Unsupported(start, "match reset `\\K`", BacktrackWhy),
            'C' => Unsupported(start, "any-byte escape `\\C`", "it can split UTF-8 sequences; use `.` with `(?s)`"),
            'e' => Unsupported(start, "escape `\\e`", "RE2 has no `\\e`; write `\\x1B`"),
            'b' or 'B' or 'A' or 'z' when inClass => new RegexSyntaxException(start, $"invalid escape `{text}` inside a character class"),
            _ => new RegexSyntaxException(start, $"invalid escape sequence `{text}`"),
        };
    }

    private string UnicodeClassText(int start)
    {
        var end = _pos;
        if (end < _pattern.Length && _pattern[end] == '{')
        {
            var close = _pattern.IndexOf('}', end);
            end = close < 0 ? _pattern.Length : close + 1;
        }
        else if (end < _pattern.Length)
        {
            end++;
        }

        return _pattern[start..end];
    }

    /// <summary><c>\xHH</c> or <c>\x{H…}</c> (at most 0x10FFFF, no surrogates).</summary>
    private int ParseHexEscape(int start)
    {
        if (!AtEnd && _pattern[_pos] == '{')
        {
            var close = _pattern.IndexOf('}', _pos);
            if (close < 0 || close == _pos + 1)
            {
                throw new RegexSyntaxException(start, "invalid escape sequence: `\\x{` needs hex digits and `}`");
            }

            var value = 0;
            for (var i = _pos + 1; i < close; i++)
            {
                var d = HexValue(_pattern[i]);
                if (d < 0 || value > CharSetOps.MaxCodePoint)
                {
                    throw new RegexSyntaxException(start, $"invalid escape sequence `{_pattern[start..(close + 1)]}`");
                }

                value = value * 16 + d;
            }

            if (value > CharSetOps.MaxCodePoint || value is >= CharSetOps.SurrogateFirst and <= CharSetOps.SurrogateLast)
            {
                throw new RegexSyntaxException(start, $"invalid code point `{_pattern[start..(close + 1)]}`");
            }

            _pos = close + 1;
            return value;
        }

        var hi = HexValue(PeekAt(0));
        var lo = HexValue(PeekAt(1));
        if (hi < 0 || lo < 0)
        {
            throw new RegexSyntaxException(start, "invalid escape sequence: `\\x` needs two hex digits or `{…}`");
        }

        _pos += 2;
        return hi * 16 + lo;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>Go: <c>\0</c> or a digit followed by octal digits is octal (up to 3 digits); <c>\1</c>…<c>\9</c> alone is a backreference.</summary>
    private int ParseOctalOrReject(int start, char first)
    {
        if (first != '0' && !(PeekAt(0) is >= '0' and <= '7'))
        {
            throw Unsupported(start, $"backreference `\\{first}`", AutomataWhy + "; a backreference needs memory of the matched text");
        }

        var value = first - '0';
        for (var i = 1; i < 3 && PeekAt(0) is >= '0' and <= '7'; i++)
        {
            value = value * 8 + (_pattern[_pos] - '0');
            _pos++;
        }

        return value;
    }
}
