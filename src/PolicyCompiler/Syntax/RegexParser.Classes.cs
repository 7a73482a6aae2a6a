namespace Hush.PolicyCompiler.Syntax;

/// <summary>Bracketed classes <c>[…]</c>, including POSIX <c>[:name:]</c> items.</summary>
internal sealed partial class RegexParser
{
    private static readonly Dictionary<string, CodePointRange[]> s_posix = new(StringComparer.Ordinal)
    {
        ["alnum"] = [new('0', '9'), new('A', 'Z'), new('a', 'z')],
        ["alpha"] = [new('A', 'Z'), new('a', 'z')],
        ["ascii"] = [new(0, 0x7F)],
        ["blank"] = [new('\t', '\t'), new(' ', ' ')],
        ["cntrl"] = [new(0, 0x1F), new(0x7F, 0x7F)],
        ["digit"] = [new('0', '9')],
        ["graph"] = [new('!', '~')],
        ["lower"] = [new('a', 'z')],
        ["print"] = [new(' ', '~')],
        ["punct"] = [new('!', '/'), new(':', '@'), new('[', '`'), new('{', '~')],
        ["space"] = [new('\t', '\r'), new(' ', ' ')],
        ["upper"] = [new('A', 'Z')],
        ["word"] = [new('0', '9'), new('A', 'Z'), new('_', '_'), new('a', 'z')],
        ["xdigit"] = [new('0', '9'), new('A', 'F'), new('a', 'f')],
    };

    /// <summary>
    /// Parses a class at <c>[</c>. As in Go, <c>]</c> first is literal, <c>[</c> inside is literal unless it starts a
    /// POSIX item, and <c>-</c> that cannot form a range is literal. As in Rust's free-spacing mode (which Nosey
    /// Parker and Kingfisher rules rely on: they write <c>[\ \t]</c>), white space inside the class is ignored.
    /// </summary>
    private CharSetNode ParseClass()
    {
        var start = _pos;
        _pos++;
        var negate = !AtEnd && _pattern[_pos] == '^';
        if (negate)
        {
            _pos++;
        }

        var ranges = new List<CodePointRange>();
        var first = true;
        while (true)
        {
            SkipClassSpace();
            if (AtEnd)
            {
                throw new RegexSyntaxException(start, "missing closing `]`");
            }

            if (_pattern[_pos] == ']' && !first)
            {
                _pos++;
                break;
            }

            first = false;
            if (TryParsePosix(ranges))
            {
                continue;
            }

            var itemStart = _pos;
            var lo = ParseClassItem(out var loSet);
            if (loSet is not null)
            {
                ranges.AddRange(loSet);
                continue;
            }

            SkipClassSpace();
            if (AtEnd || _pattern[_pos] != '-' || PeekAfterSpace(_pos + 1) is ']' or '\0')
            {
                ranges.Add(new CodePointRange(lo, lo));
                continue;
            }

            _pos++;
            SkipClassSpace();
            var hi = ParseClassItem(out var hiSet);
            if (hiSet is not null)
            {
                throw new RegexSyntaxException(itemStart, $"invalid character class range `{_pattern[itemStart.._pos]}`");
            }

            if (hi < lo)
            {
                throw new RegexSyntaxException(itemStart, $"invalid character class range `{_pattern[itemStart.._pos]}`");
            }

            ranges.Add(new CodePointRange(lo, hi));
        }

        var set = CharSetOps.Normalize(ranges);
        if (Has(RegexFlags.IgnoreCase))
        {
            set = CharSetOps.FoldAscii(set);
        }

        if (negate)
        {
            set = CharSetOps.Negate(set);
        }

        if (set.Count == 0)
        {
            throw new RegexSyntaxException(start, "class matches nothing");
        }

        return Set(start, set);
    }

    /// <summary>One class item: a code point (returned) or, for <c>\d</c> and friends, a set in <paramref name="set"/>.</summary>
    private int ParseClassItem(out List<CodePointRange>? set)
    {
        set = null;
        if (_pattern[_pos] != '\\')
        {
            return ReadCodePoint();
        }

        var isPerlClass = PeekAt(1) is 'd' or 'D' or 'w' or 'W' or 's' or 'S';
        var ranges = ParseEscape(inClass: true);
        if (isPerlClass)
        {
            set = ranges;
            return -1;
        }

        return ranges[0].First;
    }

    private bool TryParsePosix(List<CodePointRange> ranges)
    {
        if (!LookingAt("[:"))
        {
            return false;
        }

        var close = _pattern.IndexOf(":]", _pos + 2, StringComparison.Ordinal);
        if (close < 0)
        {
            return false;
        }

        var name = _pattern[(_pos + 2)..close];
        var negate = name.StartsWith('^');
        if (!s_posix.TryGetValue(negate ? name[1..] : name, out var items))
        {
            throw new RegexSyntaxException(_pos, $"invalid character class range `{_pattern[_pos..(close + 2)]}`");
        }

        var list = CharSetOps.Normalize([.. items]);
        ranges.AddRange(negate ? CharSetOps.Negate(list) : list);
        _pos = close + 2;
        return true;
    }

    private void SkipClassSpace()
    {
        var p = _pos;
        SkipSpaceAt(ref p);
        _pos = p;
    }

    private char PeekAfterSpace(int p)
    {
        SkipSpaceAt(ref p);
        return p < _pattern.Length ? _pattern[p] : '\0';
    }
}
