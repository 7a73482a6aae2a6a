using System.Globalization;
using System.Text;

namespace Hush.ExtProc.Audit;

/// <summary>
/// The JSON value encodings of the canonical form. Defined here byte for byte (rather than borrowed from a JSON library
/// whose escaping may change between versions) so a hash computed today still verifies in ten years.
/// </summary>
internal static class CanonicalJson
{
    private static readonly System.Buffers.SearchValues<char> s_escaped = System.Buffers.SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    /// <summary>Appends a JSON string: <c>"</c> and <c>\</c> escaped with a backslash, U+0000–U+001F as <c>\u00xx</c> (lowercase hex), everything else literal.</summary>
    public static void AppendString(StringBuilder sb, string? value)
    {
        if (value is null)
        {
            sb.Append("null");
            return;
        }

        sb.Append('"');
        var rest = value.AsSpan();
        while (true)
        {
            // Copy the run up to the next character that needs escaping in one go.
            var i = rest.IndexOfAny(s_escaped);
            if (i < 0)
            {
                sb.Append(rest);
                break;
            }

            sb.Append(rest[..i]);
            var c = rest[i];
            if (c == '"' || c == '\\')
            {
                sb.Append('\\').Append(c);
            }
            else
            {
                sb.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }

            rest = rest[(i + 1)..];
        }

        sb.Append('"');
    }

    /// <summary>Appends an integer in invariant decimal, no leading zeros or plus sign.</summary>
    public static void AppendInteger(StringBuilder sb, long value) => sb.Append(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Appends <c>true</c> or <c>false</c>.</summary>
    public static void AppendBool(StringBuilder sb, bool value) => sb.Append(value ? "true" : "false");

    /// <summary>The canonical array of strings, in the given order.</summary>
    public static string StringArray(IReadOnlyList<string> values)
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            AppendString(sb, values[i]);
        }

        return sb.Append(']').ToString();
    }

    /// <summary>The canonical array of rule hits, in the given order: <c>[{"count":2,"rule":"aws-key"}]</c>.</summary>
    public static string RuleHitArray(IReadOnlyList<AuditRuleHit> hits)
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < hits.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append("{\"count\":");
            AppendInteger(sb, hits[i].Count);
            sb.Append(",\"rule\":");
            AppendString(sb, hits[i].Rule);
            sb.Append('}');
        }

        return sb.Append(']').ToString();
    }
}
