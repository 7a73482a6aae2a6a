using System.Globalization;
using System.Numerics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hush.ExtProc.Tests.EnvoyConfig;

/// <summary>
/// A YAML scalar as Envoy's <c>parseYamlNode</c> (source/common/protobuf/yaml_utility.cc) hands it to protobuf's JSON
/// parser: quoted scalars are strings; a plain scalar is null, else a bool if yaml-cpp decodes one (y/yes/true/on,
/// n/no/false/off), else an integer if it decodes as int64 (number when it fits int32, otherwise its decimal string),
/// else a string (floats included: the JSON parser converts them by field type).
/// </summary>
/// <param name="Kind">The JSON kind.</param>
/// <param name="Text">The scalar's text (decimal digits for integers written in hex or octal).</param>
internal readonly record struct JsonScalar(JsonScalarKind Kind, string Text)
{
    /// <summary>Converts a YAML scalar the way Envoy does.</summary>
    public static JsonScalar From(YamlScalarNode node)
    {
        var text = node.Value ?? string.Empty;
        if (node.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return new(JsonScalarKind.String, text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return new(JsonScalarKind.Null, text);
        }

        if (IsYamlBool(text))
        {
            return new(JsonScalarKind.Bool, text);
        }

        if (TryYamlInt64(text, out var integer))
        {
            var decimalText = integer.ToString(CultureInfo.InvariantCulture);
            return new(integer is >= int.MinValue and <= int.MaxValue ? JsonScalarKind.Integer : JsonScalarKind.String, decimalText);
        }

        return new(JsonScalarKind.String, text);
    }

    /// <summary>Whether a plain scalar is null for Envoy.</summary>
    public static bool IsNull(YamlNode node) => node is YamlScalarNode scalar && From(scalar).Kind == JsonScalarKind.Null;

    /// <summary>Whether the text is an integer protobuf's JSON parser accepts for an integer field (decimal, or an integral float).</summary>
    public static bool TryInteger(string text, out BigInteger value)
    {
        if (BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real) && Math.Floor(real) == real)
        {
            value = new BigInteger(real);
            return true;
        }

        return false;
    }

    private static bool IsYamlBool(string text)
    {
        // yaml-cpp accepts these words all lower case, all upper case, or capitalised.
        var lower = text.ToLowerInvariant();
        var flexible = text == lower || text == text.ToUpperInvariant() ||
                       (char.IsUpper(text[0]) && text[1..] == lower[1..]);
        return flexible && lower is "y" or "yes" or "true" or "on" or "n" or "no" or "false" or "off";
    }

    private static bool TryYamlInt64(string text, out long value)
    {
        // yaml-cpp reads integers with a stream whose base is detected: 0x.. hex, a leading 0 octal, else decimal.
        value = 0;
        var negative = text[0] == '-';
        var digits = text[0] is '-' or '+' ? text[1..] : text;
        if (digits.Length == 0 || !char.IsAsciiDigit(digits[0]))
        {
            return false;
        }

        var (radix, body) = digits.Length > 2 && digits[0] == '0' && digits[1] is 'x' or 'X' ? (16, digits[2..])
            : digits.Length > 1 && digits[0] == '0' ? (8, digits[1..])
            : (10, digits);
        BigInteger magnitude = 0;
        foreach (var c in body)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiHexDigit(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (digit >= radix)
            {
                return false;
            }

            magnitude = (magnitude * radix) + digit;
        }

        var signed = negative ? -magnitude : magnitude;
        if (signed < long.MinValue || signed > long.MaxValue)
        {
            return false;
        }

        value = (long)signed;
        return true;
    }
}
