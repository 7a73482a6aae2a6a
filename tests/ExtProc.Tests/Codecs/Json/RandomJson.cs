using System.Globalization;
using System.Text;
using Hush.ExtProc.Tests.Support;

namespace Hush.ExtProc.Tests.Codecs.Json;

/// <summary>
/// Builds random valid JSON documents from a seed: nested objects and arrays, numbers, literals, random whitespace,
/// and strings whose every character is spelled at random (raw, short escape or <c>\uXXXX</c>, surrogate pairs for
/// astral characters), optionally with <see cref="TestPolicies.AwsKey"/> planted in string values.
/// </summary>
internal sealed class RandomJson(int seed, bool plant)
{
    private static readonly string[] s_pieces =
    [
        "a", "b", "z", "Q", "0", "7", " ", " ", "-", ".", ",", ":", "{", "}", "[", "]", "\"", "\\", "/", "\n", "\t", "\r",
        "\u0001", "\u001f", "é", "ü", "日本", "😀", "\u2028", "\u007f", "word ", "text ", "AKIA", "ghp_",
    ];

    private static readonly string[] s_keys = ["id", "role", "content", "text", "é", "a\"b", "", "messages", "k\u00e9y"];

    private readonly Random _rng = new(seed);
    private readonly StringBuilder _out = new();

    /// <summary>Generates one document.</summary>
    public string Build()
    {
        Whitespace();
        Value(0);
        Whitespace();
        return _out.ToString();
    }

    private void Value(int depth)
    {
        var kind = depth >= 5 ? _rng.Next(2, 6) : _rng.Next(0, 6);
        switch (kind)
        {
            case 0:
                _out.Append('{');
                var properties = _rng.Next(0, 5);
                for (var i = 0; i < properties; i++)
                {
                    if (i > 0)
                    {
                        _out.Append(',');
                    }

                    Whitespace();
                    String(s_keys[_rng.Next(s_keys.Length)], allowPlant: false);
                    Whitespace();
                    _out.Append(':');
                    Whitespace();
                    Value(depth + 1);
                    Whitespace();
                }

                _out.Append('}');
                break;
            case 1:
                _out.Append('[');
                var items = _rng.Next(0, 5);
                for (var i = 0; i < items; i++)
                {
                    if (i > 0)
                    {
                        _out.Append(',');
                    }

                    Whitespace();
                    Value(depth + 1);
                    Whitespace();
                }

                _out.Append(']');
                break;
            case 2:
                _out.Append(_rng.Next(4) switch
                {
                    0 => "0",
                    1 => (_rng.Next(-100000, 100000)).ToString(CultureInfo.InvariantCulture),
                    2 => "-12.5e+3",
                    _ => "3.25E-7",
                });
                break;
            case 3:
                _out.Append(_rng.Next(3) switch { 0 => "true", 1 => "false", _ => "null" });
                break;
            default:
                var text = new StringBuilder();
                var pieces = _rng.Next(0, 12);
                for (var i = 0; i < pieces; i++)
                {
                    text.Append(s_pieces[_rng.Next(s_pieces.Length)]);
                }

                String(text.ToString(), allowPlant: true);
                break;
        }
    }

    /// <summary>Writes <paramref name="text"/> as a JSON string, planting the key at a random place.</summary>
    private void String(string text, bool allowPlant)
    {
        if (allowPlant && plant && _rng.Next(2) == 0)
        {
            var at = _rng.Next(text.Length + 1);
            // Never between the halves of a surrogate pair.
            while (at > 0 && at < text.Length && char.IsLowSurrogate(text[at]))
            {
                at--;
            }

            text = text[..at] + " " + TestPolicies.AwsKey + " " + text[at..];
        }

        _out.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (_rng.Next(2) == 0)
                {
                    _out.Append(c).Append(text[i + 1]);
                }
                else
                {
                    Escape(c);
                    Escape(text[i + 1]);
                }

                i++;
                continue;
            }

            var mustEscape = c is '"' or '\\' or < ' ';
            switch (_rng.Next(4))
            {
                case 0 when !mustEscape:
                case 1 when !mustEscape:
                    _out.Append(c);
                    break;
                case 2 when c is '"' or '\\' or '/' or '\b' or '\f' or '\n' or '\r' or '\t':
                    _out.Append('\\').Append(c switch
                    {
                        '\b' => 'b',
                        '\f' => 'f',
                        '\n' => 'n',
                        '\r' => 'r',
                        '\t' => 't',
                        _ => c,
                    });
                    break;
                default:
                    Escape(c);
                    break;
            }
        }

        _out.Append('"');
    }

    private void Escape(char c) =>
        _out.Append("\\u").Append(((int)c).ToString(_rng.Next(2) == 0 ? "x4" : "X4", CultureInfo.InvariantCulture));

    private void Whitespace()
    {
        var n = _rng.Next(0, 3) == 0 ? _rng.Next(1, 4) : 0;
        for (var i = 0; i < n; i++)
        {
            _out.Append(" \n\r\t"[_rng.Next(4)]);
        }
    }
}
