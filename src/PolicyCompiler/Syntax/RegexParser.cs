namespace Hush.PolicyCompiler.Syntax;

/// <summary>
/// Parses the policy regex dialect (RE2 syntax plus Rust-style free spacing, see docs/policy.md) into a
/// <see cref="RegexNode"/> tree with flags applied, case folded (ASCII only) and offsets into the pattern text.
/// </summary>
/// <remarks>
/// A recursive-descent parser; one instance per pattern. Error offsets are UTF-16 offsets into the pattern
/// string, pointing at the offending construct so the policy loader can turn them into line and column.
/// </remarks>
internal sealed partial class RegexParser
{
    /// <summary>Go caps counted repetition at 1000; so do we, which also bounds automaton sizes.</summary>
    public const int MaxRepeatCount = 1000;

    /// <summary>Deepest group nesting accepted (Go's limit too); deeper patterns are rejected, see <c>ParseNested</c>.</summary>
    public const int MaxNestingDepth = 1000;

    private const string AutomataWhy = "Hush compiles rules to automata";

    private readonly string _pattern;
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
    private int _pos;
    private int _groupCount;
    private int _depth;
    private RegexFlags _flags;

    private RegexParser(string pattern) => _pattern = pattern;

    /// <summary>Parses <paramref name="pattern"/>; throws <see cref="RegexSyntaxException"/> when it is malformed or unsupported.</summary>
    public static ParsedPattern Parse(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var parser = new RegexParser(pattern);
        var root = parser.ParseAlternation();
        if (parser._pos < pattern.Length)
        {
            throw new RegexSyntaxException(parser._pos, "unmatched `)`");
        }

        return new ParsedPattern(root, parser._groupCount, parser._names);
    }

    private bool AtEnd => _pos >= _pattern.Length;

    private bool Has(RegexFlags flag) => (_flags & flag) != 0;

    private char PeekAt(int offset) => _pos + offset < _pattern.Length ? _pattern[_pos + offset] : '\0';

    private bool LookingAt(string text) => string.CompareOrdinal(_pattern, _pos, text, 0, text.Length) == 0;

    private RegexNode ParseAlternation()
    {
        var start = _pos;
        var first = ParseConcat();
        if (AtEnd || _pattern[_pos] != '|')
        {
            return first;
        }

        var alternatives = new List<RegexNode> { first };
        while (!AtEnd && _pattern[_pos] == '|')
        {
            _pos++;
            alternatives.Add(ParseConcat());
        }

        return new AlternationNode(start, alternatives);
    }

    private RegexNode ParseConcat()
    {
        var start = _pos;
        var items = new List<RegexNode>();
        while (true)
        {
            SkipFreeSpace();
            if (AtEnd || _pattern[_pos] is '|' or ')')
            {
                break;
            }

            if (LookingAt("\\Q"))
            {
                ParseQuoted(items);
                continue;
            }

            var atom = ParseAtom();
            if (atom is not null)
            {
                items.Add(ParseQuantifiers(atom));
            }
        }

        return items.Count == 1 ? items[0] : new ConcatNode(start, items);
    }

    /// <summary>Skips white space and <c>#</c> comments in free-spacing mode.</summary>
    private void SkipFreeSpace()
    {
        if (!Has(RegexFlags.FreeSpacing))
        {
            return;
        }

        while (!AtEnd)
        {
            var c = _pattern[_pos];
            if (IsFreeSpace(c))
            {
                _pos++;
            }
            else if (c == '#')
            {
                while (!AtEnd && _pattern[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private static bool IsFreeSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v';

    private RegexNode? ParseAtom()
    {
        var start = _pos;
        var c = _pattern[_pos];
        switch (c)
        {
            case '(':
                return ParseGroup();
            case '[':
                return ParseClass();
            case '.':
                _pos++;
                return Set(start, DotRanges(Has(RegexFlags.DotAll)));
            case '^':
                _pos++;
                return new AssertionNode(start, Has(RegexFlags.Multiline) ? AssertionKind.LineStart : AssertionKind.TextStart);
            case '$':
                _pos++;
                return new AssertionNode(start, Has(RegexFlags.Multiline) ? AssertionKind.LineEnd : AssertionKind.TextEnd);
            case '\\':
                return ParseEscapeAtom();
            case '*' or '+' or '?':
                throw new RegexSyntaxException(start, $"missing argument to repetition operator `{c}`");
            case '{' when TryParseCounts(out _, out _, out var end):
                throw new RegexSyntaxException(start, $"missing argument to repetition operator `{_pattern[start..end]}`");
            default:
                var cp = ReadCodePoint();
                return Set(start, CharSetOps.Single(cp, Has(RegexFlags.IgnoreCase)));
        }
    }

    /// <summary>Reads one literal code point (a surrogate pair counts as one).</summary>
    private int ReadCodePoint()
    {
        var c = _pattern[_pos];
        if (char.IsHighSurrogate(c) && _pos + 1 < _pattern.Length && char.IsLowSurrogate(_pattern[_pos + 1]))
        {
            var cp = char.ConvertToUtf32(c, _pattern[_pos + 1]);
            _pos += 2;
            return cp;
        }

        if (char.IsSurrogate(c))
        {
            throw new RegexSyntaxException(_pos, "invalid UTF-16 surrogate in pattern");
        }

        _pos++;
        return c;
    }

    /// <summary><c>\Q…\E</c> (Go): literal text; a following quantifier applies to its last character only.</summary>
    private void ParseQuoted(List<RegexNode> items)
    {
        _pos += 2;
        var end = _pattern.IndexOf("\\E", _pos, StringComparison.Ordinal);
        var stop = end < 0 ? _pattern.Length : end;
        var ignoreCase = Has(RegexFlags.IgnoreCase);
        while (_pos < stop)
        {
            var start = _pos;
            var cp = ReadCodePoint();
            RegexNode node = Set(start, CharSetOps.Single(cp, ignoreCase));
            if (_pos >= stop)
            {
                _pos = end < 0 ? stop : end + 2;
                node = ParseQuantifiers(node);
            }

            items.Add(node);
        }

        if (_pos == stop)
        {
            _pos = end < 0 ? stop : end + 2;
        }
    }

    private static CharSetNode Set(int position, List<CodePointRange> ranges) => new(position, ranges);

    private static List<CodePointRange> DotRanges(bool dotAll) => dotAll
        ? CharSetOps.Normalize([new CodePointRange(0, CharSetOps.MaxCodePoint)])
        : CharSetOps.Normalize([new CodePointRange(0, '\n' - 1), new CodePointRange('\n' + 1, CharSetOps.MaxCodePoint)]);

    private RegexSyntaxException Unsupported(int offset, string construct, string why) =>
        new(offset, $"{construct} is not supported ({why})");
}
