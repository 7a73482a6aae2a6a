using System.Globalization;

namespace Hush.Policy.Matching;

/// <summary>
/// Reads a confirm pattern in the subset of .NET syntax the compiler's emitter writes (byte classes of
/// <c>\xNN</c> ranges, groups, alternation, lookarounds, <c>\A</c> <c>\z</c>, quantifiers) to find the run of
/// bytes from a set that every match contains. Anything else makes it give up, which only costs speed.
/// </summary>
internal sealed class RunPatternParser
{
    private readonly string _pattern;
    private readonly bool[]? _set;
    private readonly List<bool[]>? _classes;
    private int _pos;

    private RunPatternParser(string pattern, bool[]? set, List<bool[]>? classes)
    {
        _pattern = pattern;
        _set = set;
        _classes = classes;
    }

    /// <summary>Adds every distinct byte class of <paramref name="pattern"/> to <paramref name="classes"/>.</summary>
    public static bool TryCollectClasses(string pattern, List<bool[]> classes)
    {
        var parser = new RunPatternParser(pattern, null, classes);
        return parser.TryParseAll(out _);
    }

    /// <summary>The longest run of bytes from <paramref name="set"/> that every match of the pattern contains.</summary>
    public static bool TryGuaranteedRun(string pattern, bool[] set, out int run)
    {
        var parser = new RunPatternParser(pattern, set, null);
        var ok = parser.TryParseAll(out var summary);
        run = ok ? summary.Run : 0;
        return ok;
    }

    private bool TryParseAll(out RunSummary summary)
    {
        _pos = 0;
        try
        {
            summary = Alternation();
            return _pos == _pattern.Length;
        }
        catch (FormatException)
        {
            summary = default;
            return false;
        }
    }

    private RunSummary Alternation()
    {
        var result = Concatenation();
        while (Peek() == '|')
        {
            _pos++;
            result = RunSummary.Either(result, Concatenation());
        }

        return result;
    }

    private RunSummary Concatenation()
    {
        var result = RunSummary.Empty;
        while (_pos < _pattern.Length && Peek() is not ('|' or ')'))
        {
            result = RunSummary.Then(result, Quantified(Atom()));
        }

        return result;
    }

    private RunSummary Atom()
    {
        var c = _pattern[_pos++];
        switch (c)
        {
            case '[':
                return Class();
            case '(':
                return Group();
            case '\\' when Peek() is 'A' or 'z' or 'G':
                _pos++;
                return RunSummary.Empty;
            default:
                throw new FormatException();
        }
    }

    private RunSummary Group()
    {
        var zeroWidth = false;
        if (Peek() == '?')
        {
            var rest = _pattern.AsSpan(_pos + 1);
            if (rest.StartsWith(":"))
            {
                _pos += 2;
            }
            else if (rest.StartsWith("=") || rest.StartsWith("!"))
            {
                _pos += 2;
                zeroWidth = true;
            }
            else if (rest.StartsWith("<=") || rest.StartsWith("<!"))
            {
                _pos += 3;
                zeroWidth = true;
            }
            else
            {
                throw new FormatException();
            }
        }

        var inner = Alternation();
        Expect(')');

        // A lookaround consumes nothing, so a run continues across it.
        return zeroWidth ? RunSummary.Empty : inner;
    }

    private RunSummary Class()
    {
        var members = new bool[256];
        var negate = Peek() == '^';
        if (negate)
        {
            _pos++;
        }

        while (Peek() != ']')
        {
            var first = ClassChar();
            var last = first;
            if (Peek() == '-' && _pos + 1 < _pattern.Length && _pattern[_pos + 1] != ']')
            {
                _pos++;
                last = ClassChar();
            }

            for (var b = first; b <= last; b++)
            {
                members[b] = true;
            }
        }

        _pos++;
        if (negate)
        {
            for (var b = 0; b < members.Length; b++)
            {
                members[b] = !members[b];
            }
        }

        _classes?.Add(members);
        if (_set is null)
        {
            return RunSummary.Empty;
        }

        for (var b = 0; b < members.Length; b++)
        {
            if (members[b] && !_set[b])
            {
                return RunSummary.Broken(1);
            }
        }

        return RunSummary.Bytes(1);
    }

    /// <summary>One class member: <c>\xNN</c>, a control escape, an escaped symbol or a plain Latin-1 char.</summary>
    private int ClassChar()
    {
        var c = Peek();
        if (c == '\0' && _pos >= _pattern.Length)
        {
            throw new FormatException();
        }

        _pos++;
        if (c != '\\')
        {
            return c <= 0xFF ? c : throw new FormatException();
        }

        var e = Peek();
        _pos++;
        switch (e)
        {
            case 'x' when _pos + 2 <= _pattern.Length
                && int.TryParse(_pattern.AsSpan(_pos, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value):
                _pos += 2;
                return value;
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'f':
                return '\f';
            case 'v':
                return '\v';
            case var symbol when symbol is > ' ' and < (char)0x7F && !char.IsAsciiLetterOrDigit(symbol):
                return symbol;
            default:
                throw new FormatException();
        }
    }

    private RunSummary Quantified(RunSummary item)
    {
        int min;
        switch (Peek())
        {
            case '*':
            case '?':
                _pos++;
                min = 0;
                break;
            case '+':
                _pos++;
                min = 1;
                break;
            case '{':
                _pos++;
                min = Number();
                while (Peek() != '}')
                {
                    if (Peek() is not (',' or (>= '0' and <= '9')))
                    {
                        throw new FormatException();
                    }

                    _pos++;
                }

                _pos++;
                break;
            default:
                return item;
        }

        if (Peek() == '?')
        {
            _pos++;
        }

        return RunSummary.Repeat(item, min);
    }

    private int Number()
    {
        var start = _pos;
        while (Peek() is >= '0' and <= '9')
        {
            _pos++;
        }

        if (_pos == start || !int.TryParse(_pattern.AsSpan(start, _pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException();
        }

        return Math.Min(value, RunSummary.Cap);
    }

    private char Peek() => _pos < _pattern.Length ? _pattern[_pos] : '\0';

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw new FormatException();
        }

        _pos++;
    }
}
