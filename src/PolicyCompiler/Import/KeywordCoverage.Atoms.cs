using System.Globalization;

namespace Hush.PolicyCompiler.Import;

/// <summary>Atoms: literals, escapes, classes and groups.</summary>
internal sealed partial class KeywordCoverage
{
    private const string Digits = "0123456789";
    private const string WordBytes = "abcdefghijklmnopqrstuvwxyz0123456789_";
    private const string Spaces = " \t\n\r\f\v";

    private Node ParseAtom()
    {
        char c = _p[_i++];
        switch (c)
        {
            case '(':
                return ParseGroup();
            case '[':
                return Make(ParseClass());
            case '\\':
                return Make(ParseEscape(inClass: false));
            case '^' or '$':
                return Make([""]);
            case '.':
                return Make(null);
            case '*' or '+' or '?' or ')':
                throw new FormatException("quantifier or ')' without an atom");
            default:
                return Make([char.ToLowerInvariant(c).ToString()]);
        }
    }

    private Node ParseGroup()
    {
        _scopes.Push(_x);
        if (_i < _p.Length && _p[_i] == '?')
        {
            _i++;
            if (_i < _p.Length && _p[_i] == '#')
            {
                int close = _p.IndexOf(')', _i);
                _i = close < 0 ? throw new FormatException("unterminated comment") : close + 1;
                _x = _scopes.Pop();
                return Make([""]);
            }

            if (_i < _p.Length && (_p[_i] == 'P' || (_p[_i] == '<' && _i + 1 < _p.Length && char.IsAsciiLetter(_p[_i + 1]))))
            {
                int close = _p.IndexOf('>', _i);
                _i = close < 0 ? throw new FormatException("unterminated group name") : close + 1;
            }
            else if (ParseFlags())
            {
                // `(?flags)`: applies to the rest of the enclosing group, matches nothing itself.
                _scopes.Pop();
                return Make([""]);
            }
        }

        Node inner = ParseAlternation();
        if (_i >= _p.Length || _p[_i] != ')')
        {
            throw new FormatException("missing ')'");
        }

        _i++;
        _x = _scopes.Pop();
        return inner;
    }

    /// <summary>Reads flags after <c>(?</c>; true for <c>(?flags)</c>, false for <c>(?flags:</c>.</summary>
    private bool ParseFlags()
    {
        bool on = true;
        while (_i < _p.Length && _p[_i] is not (')' or ':'))
        {
            char f = _p[_i++];
            if (f == '-')
            {
                on = false;
            }
            else if (f == 'x')
            {
                _x = on;
            }
            else if (f is not ('i' or 's' or 'm' or 'U' or 'u'))
            {
                throw new FormatException("unsupported group");
            }
        }

        if (_i >= _p.Length)
        {
            throw new FormatException("unterminated group");
        }

        return _p[_i++] == ')';
    }

    private HashSet<string>? ParseEscape(bool inClass)
    {
        if (_i >= _p.Length)
        {
            throw new FormatException("trailing backslash");
        }

        char e = _p[_i++];
        string? chars = e switch
        {
            'd' => Digits,
            'w' => WordBytes,
            's' => Spaces,
            'n' => "\n",
            't' => "\t",
            'r' => "\r",
            'f' => "\f",
            'v' => "\v",
            'a' => "\a",
            'x' => HexEscape(),
            'b' or 'B' or 'A' or 'z' when !inClass => "",
            _ when !char.IsAsciiLetterOrDigit(e) => e.ToString(),
            _ => null,
        };

        if (chars is null)
        {
            return null;
        }

        return chars.Length == 0 ? [""] : [.. chars.Select(ch => char.ToLowerInvariant(ch).ToString())];
    }

    private string HexEscape()
    {
        string hex;
        if (_i < _p.Length && _p[_i] == '{')
        {
            int close = _p.IndexOf('}', _i);
            hex = close < 0 ? throw new FormatException("unterminated \\x{") : _p[(_i + 1)..close];
            _i = close + 1;
        }
        else
        {
            hex = _i + 2 <= _p.Length ? _p.Substring(_i, 2) : throw new FormatException("short \\x");
            _i += 2;
        }

        return int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int cp) && cp is >= 0 and <= 0x10FFFF
            ? char.ConvertFromUtf32(cp)
            : throw new FormatException("bad \\x");
    }

    /// <summary>The characters of a class, or null when negated, too large, or not understood.</summary>
    private HashSet<string>? ParseClass()
    {
        bool negated = _i < _p.Length && _p[_i] == '^';
        if (negated)
        {
            _i++;
        }

        var set = new HashSet<string>(StringComparer.Ordinal);
        bool known = true;
        bool first = true;
        while (true)
        {
            if (_i >= _p.Length)
            {
                throw new FormatException("unterminated class");
            }

            char c = _p[_i];
            if (c == ']' && !first)
            {
                _i++;
                break;
            }

            first = false;
            if (c == '[')
            {
                // POSIX classes and nested classes: not enumerated.
                int close = _p.IndexOf(']', _i + 1);
                _i = close < 0 ? throw new FormatException("unterminated class") : close + 1;
                known = false;
                continue;
            }

            known &= ClassItem(set);
        }

        return negated || !known || set.Count > Cap ? null : set;
    }

    private bool ClassItem(HashSet<string> set)
    {
        int lo = ClassChar(out HashSet<string>? escapeSet);
        if (lo < 0)
        {
            if (escapeSet is null)
            {
                return false;
            }

            set.UnionWith(escapeSet);
            return true;
        }

        int hi = lo;
        if (_i + 1 < _p.Length && _p[_i] == '-' && _p[_i + 1] != ']')
        {
            _i++;
            hi = ClassChar(out _);
            if (hi < lo)
            {
                throw new FormatException("bad range");
            }
        }

        if (hi - lo > Cap)
        {
            return false;
        }

        for (int cp = lo; cp <= hi; cp++)
        {
            set.Add(char.ToLowerInvariant((char)cp).ToString());
        }

        return true;
    }

    /// <summary>One class character as a code unit, or -1 with the set of an escape such as <c>\d</c>.</summary>
    private int ClassChar(out HashSet<string>? escapeSet)
    {
        escapeSet = null;
        char c = _p[_i++];
        if (c != '\\')
        {
            return c;
        }

        HashSet<string>? s = ParseEscape(inClass: true);
        if (s is { Count: 1 } && s.First().Length == 1)
        {
            // A single escaped character (`\-`, `\x41`) may bound a range.
            return s.First()[0];
        }

        escapeSet = s;
        return -1;
    }

    private void SkipFreeSpace()
    {
        while (_x && _i < _p.Length && (char.IsWhiteSpace(_p[_i]) || _p[_i] == '#'))
        {
            if (_p[_i] == '#')
            {
                while (_i < _p.Length && _p[_i] != '\n')
                {
                    _i++;
                }
            }
            else
            {
                _i++;
            }
        }
    }
}
