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

        // Keys in ordinal order, written straight into one builder (this runs for every record on the writer's
        // thread); CanonicalForm_KeysSortedNoWhitespaceEveryKeyPresent pins the order.
        var sb = new StringBuilder(640 + (record.MaskedRequest?.Length ?? 0) + (record.MaskedResponse?.Length ?? 0));
        sb.Append('{');
        Str(sb, "actor", record.Actor, first: true);
        Str(sb, "approver", record.Approver);
        Str(sb, "ci_system", record.CiSystem);
        Str(sb, "email", record.Email);
        Raw(sb, "groups", CanonicalJson.StringArray(record.Groups));
        if (includeHash)
        {
            Str(sb, "hash", record.Hash);
        }

        Str(sb, "hold_id", record.HoldId);
        Str(sb, "identity_source", record.IdentitySource);
        Str(sb, "job_id", record.JobId);
        Str(sb, "job_workflow_ref", record.JobWorkflowRef);
        Str(sb, "justification", record.Justification);
        Int(sb, "latency_us", record.LatencyMicroseconds);
        Str(sb, "masked_request", record.MaskedRequest);
        Str(sb, "masked_response", record.MaskedResponse);
        Str(sb, "model", record.Model);
        Str(sb, "policy_sha256", record.PolicySha256);
        Str(sb, "prev_hash", record.PrevHash);
        Str(sb, "provider", record.Provider);
        Str(sb, "ref", record.Ref);
        Str(sb, "repository", record.Repository);
        Raw(sb, "request_truncated", record.RequestTruncated ? "true" : "false");
        Raw(sb, "response_truncated", record.ResponseTruncated ? "true" : "false");
        Str(sb, "route", record.Route);
        Raw(sb, "rule_hits", CanonicalJson.RuleHitArray(record.RuleHits));
        Str(sb, "run_attempt", record.RunAttempt);
        Str(sb, "run_id", record.RunId);
        Int(sb, "seq", record.Sequence);
        Str(sb, "sha", record.Sha);
        Str(sb, "subject", record.Subject);
        Str(sb, "time", FormatTime(record.Time));
        Int(sb, "v", FormatVersion);
        Str(sb, "verdict", AuditVerdicts.ToWire(record.Verdict));
        Str(sb, "workflow", record.Workflow);
        return sb.Append('}').ToString();
    }

    /// <summary>The record hash: lowercase hex SHA-256 of the UTF-8 canonical form without the hash key.</summary>
    public static string ComputeHash(AuditRecord record) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Form(record))));

    /// <summary>The canonical time text: UTC, 7 fractional digits, <c>Z</c>.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static void Key(StringBuilder sb, string key, bool first)
    {
        if (!first)
        {
            sb.Append(',');
        }

        sb.Append('"').Append(key).Append("\":");
    }

    private static void Str(StringBuilder sb, string key, string? value, bool first = false)
    {
        Key(sb, key, first);
        CanonicalJson.AppendString(sb, value);
    }

    private static void Int(StringBuilder sb, string key, long value)
    {
        Key(sb, key, first: false);
        CanonicalJson.AppendInteger(sb, value);
    }

    private static void Raw(StringBuilder sb, string key, string json)
    {
        Key(sb, key, first: false);
        sb.Append(json);
    }
}
