using System.Globalization;
using System.Text;
using Hush.ExtProc.Audit;

namespace Hush.ExtProc.Sinks;

/// <summary>
/// RFC 5424 messages of audit records:
/// <c>&lt;PRI&gt;1 TIMESTAMP HOSTNAME APP-NAME PROCID audit [hush@32473 seq="…" verdict="…" hash="…"] {canonical JSON}</c>.
/// 32473 is the example private enterprise number of RFC 5612, as RFC 5424 itself uses; the SD-ID is fixed so
/// collectors can key on it.
/// </summary>
internal static class SyslogFormatter
{
    /// <summary>The structured-data id of Hush's parameters.</summary>
    public const string StructuredDataId = "hush@32473";

    /// <summary>The MSGID of every audit message.</summary>
    public const string MessageId = "audit";

    /// <summary>The syslog severity of a verdict: warning for errors, notice for holds and their outcomes, informational otherwise.</summary>
    public static int Severity(AuditVerdict verdict) => verdict switch
    {
        AuditVerdict.Error => 4,
        AuditVerdict.Held or AuditVerdict.Denied or AuditVerdict.Expired => 5,
        _ => 6,
    };

    /// <summary>The message (without framing) of <paramref name="record"/>.</summary>
    public static string Message(AuditRecord record, int facility, string hostname, string appName, string procId)
    {
        ArgumentNullException.ThrowIfNull(record);
        var json = AuditCanonical.Form(record, includeHash: true);
        var sb = new StringBuilder(json.Length + 256);
        sb.Append('<').Append((facility * 8) + Severity(record.Verdict)).Append(">1 ");
        sb.Append(Timestamp(record.Time)).Append(' ');
        sb.Append(HeaderField(hostname, 255)).Append(' ');
        sb.Append(HeaderField(appName, 48)).Append(' ');
        sb.Append(HeaderField(procId, 128)).Append(' ');
        sb.Append(MessageId).Append(" [").Append(StructuredDataId);
        AppendParam(sb, "seq", record.Sequence.ToString(CultureInfo.InvariantCulture));
        AppendParam(sb, "verdict", AuditVerdicts.ToWire(record.Verdict));
        AppendParam(sb, "hash", record.Hash);
        if (record.HoldId is not null)
        {
            AppendParam(sb, "hold_id", record.HoldId);
        }

        if (record.Subject is not null)
        {
            AppendParam(sb, "subject", record.Subject);
        }

        if (record.Repository is not null)
        {
            AppendParam(sb, "repository", record.Repository);
        }

        // No BOM before the JSON: MSG-ANY is allowed and JSON parsers downstream would trip over one.
        return sb.Append("] ").Append(json).ToString();
    }

    /// <summary>RFC 5424 TIMESTAMP: UTC with microseconds (the most the RFC allows), or the nil value for an unset time.</summary>
    public static string Timestamp(DateTimeOffset time) => time == default
        ? "-"
        : time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A header field: printable US-ASCII only (others become <c>_</c>), at most <paramref name="maxLength"/>, <c>-</c> when empty.</summary>
    public static string HeaderField(string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "-";
        }

        var length = Math.Min(value.Length, maxLength);
        return string.Create(length, value, static (span, v) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = v[i];
                span[i] = c is >= '!' and <= '~' ? c : '_';
            }
        });
    }

    /// <summary>Appends a PARAM-VALUE with <c>"</c>, <c>\</c> and <c>]</c> escaped by a backslash (RFC 5424 section 6.3.3).</summary>
    public static void AppendParamValue(StringBuilder sb, string? value)
    {
        ArgumentNullException.ThrowIfNull(sb);
        foreach (var c in value ?? "")
        {
            if (c is '"' or '\\' or ']')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }
    }

    private static void AppendParam(StringBuilder sb, string name, string? value)
    {
        sb.Append(' ').Append(name).Append("=\"");
        AppendParamValue(sb, value);
        sb.Append('"');
    }
}
