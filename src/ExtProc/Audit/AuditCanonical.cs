using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hush.ExtProc.Audit;

/// <summary>
/// The canonical form of an <see cref="AuditRecord"/> and its hash. The form is one JSON object, keys sorted by
/// ordinal (byte) order, no whitespace, every key always present (null when unset), strings as in
/// <see cref="CanonicalJson"/>, integers in decimal, the time as <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c> (UTC, 7 digits).
/// The record hash is the lowercase hex SHA-256 of the UTF-8 bytes of the form without the <c>hash</c> key; the
/// form with the <c>hash</c> key is one line of the JSON-lines export. docs/audit.md lists every key.
/// </summary>
internal static class AuditCanonical
{
    /// <summary>The previous hash of the first record: 64 zeros.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Version of the canonical form (the <c>v</c> key), raised if the form ever changes.</summary>
    public const int FormatVersion = 1;

    /// <summary>The canonical form; with <paramref name="includeHash"/> the stored <c>hash</c> key is added (export).</summary>
    public static string Form(AuditRecord record, bool includeHash = false)
    {
        ArgumentNullException.ThrowIfNull(record);
        var fields = new List<KeyValuePair<string, string>>(34)
        {
            Str("actor", record.Actor),
            Str("approver", record.Approver),
            Str("ci_system", record.CiSystem),
            Str("email", record.Email),
            new("groups", CanonicalJson.StringArray(record.Groups)),
            Str("hold_id", record.HoldId),
            Str("identity_source", record.IdentitySource),
            Str("job_id", record.JobId),
            Str("job_workflow_ref", record.JobWorkflowRef),
            Str("justification", record.Justification),
            Int("latency_us", record.LatencyMicroseconds),
            Str("masked_request", record.MaskedRequest),
            Str("masked_response", record.MaskedResponse),
            Str("model", record.Model),
            Str("policy_sha256", record.PolicySha256),
            Str("prev_hash", record.PrevHash),
            Str("provider", record.Provider),
            Str("ref", record.Ref),
            Str("repository", record.Repository),
            Bool("request_truncated", record.RequestTruncated),
            Bool("response_truncated", record.ResponseTruncated),
            Str("route", record.Route),
            new("rule_hits", CanonicalJson.RuleHitArray(record.RuleHits)),
            Str("run_attempt", record.RunAttempt),
            Str("run_id", record.RunId),
            Int("seq", record.Sequence),
            Str("sha", record.Sha),
            Str("subject", record.Subject),
            Str("time", FormatTime(record.Time)),
            Int("v", FormatVersion),
            Str("verdict", AuditVerdicts.ToWire(record.Verdict)),
            Str("workflow", record.Workflow),
        };
        if (includeHash)
        {
            fields.Add(Str("hash", record.Hash));
        }

        // Sorting here, not trusting the literal order above, keeps the form canonical if a field is added out of place.
        fields.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var sb = new StringBuilder(512 + (record.MaskedRequest?.Length ?? 0) + (record.MaskedResponse?.Length ?? 0));
        sb.Append('{');
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            CanonicalJson.AppendString(sb, fields[i].Key);
            sb.Append(':').Append(fields[i].Value);
        }

        return sb.Append('}').ToString();
    }

    /// <summary>The record hash: lowercase hex SHA-256 of the UTF-8 canonical form without the hash key.</summary>
    public static string ComputeHash(AuditRecord record) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Form(record))));

    /// <summary>The canonical time text: UTC, 7 fractional digits, <c>Z</c>.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static KeyValuePair<string, string> Str(string key, string? value)
    {
        var sb = new StringBuilder();
        CanonicalJson.AppendString(sb, value);
        return new(key, sb.ToString());
    }

    private static KeyValuePair<string, string> Int(string key, long value) =>
        new(key, value.ToString(CultureInfo.InvariantCulture));

    private static KeyValuePair<string, string> Bool(string key, bool value) => new(key, value ? "true" : "false");
}
