using System.Globalization;
using System.Text;

namespace Hush.ExtProc.Audit;

/// <summary>
/// The JSON value encodings of the canonical form. Defined here byte for byte (rather than borrowed from a JSON library
/// whose escaping may change between versions) so a hash computed today still verifies in ten years.
/// </summary>
internal static class CanonicalJson
{
    /// <summary>Appends a JSON string: <c>"</c> and <c>\</c> escaped with a backslash, U+0000–U+001F as <c>\u00xx</c> (lowercase hex), everything else literal.</summary>
    public static void AppendString(StringBuilder sb, string? value)
    {
        if (value is null)
        {
            sb.Append("null");
            return;
        }

        sb.Append('"');
        foreach (var c in value)
        {
            if (c == '"' || c == '\\')
            {
                sb.Append('\\').Append(c);
            }
            else if (c < 0x20)
            {
                sb.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
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
