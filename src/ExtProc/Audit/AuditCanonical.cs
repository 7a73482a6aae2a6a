using System.Buffers;
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

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>Largest hashing buffer a thread keeps between records (two capped bodies and the rest fit).</summary>
    private const int ScratchKeepBytes = 512 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_scratch;

    /// <summary>The canonical form; with <paramref name="includeHash"/> the stored <c>hash</c> key is added (export).</summary>
    public static string Form(AuditRecord record, bool includeHash = false)
    {
        ArgumentNullException.ThrowIfNull(record);
        var output = new ArrayBufferWriter<byte>(640 + (record.MaskedRequest?.Length ?? 0) + (record.MaskedResponse?.Length ?? 0));
        Write(record, includeHash, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>Writes the UTF-8 canonical form (what is hashed, and with <paramref name="includeHash"/> one export line).</summary>
    public static void Write(AuditRecord record, bool includeHash, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(output);

        // Keys in ordinal order; CanonicalForm_KeysSortedNoWhitespaceEveryKeyPresent pins the order.
        CanonicalJson.WriteByte(output, (byte)'{');
        Str(output, "\"actor\":"u8, record.Actor);
        Str(output, ",\"approver\":"u8, record.Approver);
        Str(output, ",\"ci_system\":"u8, record.CiSystem);
        Str(output, ",\"email\":"u8, record.Email);
        output.Write(",\"groups\":"u8);
        CanonicalJson.WriteStringArray(output, record.Groups);
        if (includeHash)
        {
            Str(output, ",\"hash\":"u8, record.Hash);
        }

        Str(output, ",\"hold_id\":"u8, record.HoldId);
        Str(output, ",\"identity_source\":"u8, record.IdentitySource);
        Str(output, ",\"job_id\":"u8, record.JobId);
        Str(output, ",\"job_workflow_ref\":"u8, record.JobWorkflowRef);
        Str(output, ",\"justification\":"u8, record.Justification);
        Int(output, ",\"latency_us\":"u8, record.LatencyMicroseconds);
        Str(output, ",\"masked_request\":"u8, record.MaskedRequest);
        Str(output, ",\"masked_response\":"u8, record.MaskedResponse);
        Str(output, ",\"model\":"u8, record.Model);
        Str(output, ",\"policy_sha256\":"u8, record.PolicySha256);
        Str(output, ",\"prev_hash\":"u8, record.PrevHash);
        Str(output, ",\"provider\":"u8, record.Provider);
        Str(output, ",\"ref\":"u8, record.Ref);
        Str(output, ",\"repository\":"u8, record.Repository);
        output.Write(record.RequestTruncated ? ",\"request_truncated\":true"u8 : ",\"request_truncated\":false"u8);
        output.Write(record.ResponseTruncated ? ",\"response_truncated\":true"u8 : ",\"response_truncated\":false"u8);
        Str(output, ",\"route\":"u8, record.Route);
        output.Write(",\"rule_hits\":"u8);
        CanonicalJson.WriteRuleHitArray(output, record.RuleHits);
        Str(output, ",\"run_attempt\":"u8, record.RunAttempt);
        Str(output, ",\"run_id\":"u8, record.RunId);
        Int(output, ",\"seq\":"u8, record.Sequence);
        Str(output, ",\"sha\":"u8, record.Sha);
        Str(output, ",\"subject\":"u8, record.Subject);
        output.Write(",\"time\":\""u8);
        var span = output.GetSpan(32);
        if (!record.Time.UtcDateTime.TryFormat(span, out var written, TimeFormat, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("the canonical time needs at most 32 bytes");
        }

        output.Advance(written);
        CanonicalJson.WriteByte(output, (byte)'"');
        Int(output, ",\"v\":"u8, FormatVersion);
        Str(output, ",\"verdict\":"u8, AuditVerdicts.ToWire(record.Verdict));
        Str(output, ",\"workflow\":"u8, record.Workflow);
        CanonicalJson.WriteByte(output, (byte)'}');
    }

    /// <summary>The record hash: lowercase hex SHA-256 of the UTF-8 canonical form without the hash key.</summary>
    /// <remarks>
    /// The form is written into a per-thread buffer that is reused (records carry up to two 64 KiB bodies, and the
    /// writer hashes every record), and dropped if a record made it larger than <see cref="ScratchKeepBytes"/>.
    /// </remarks>
    public static string ComputeHash(AuditRecord record)
    {
        var scratch = t_scratch ??= new ArrayBufferWriter<byte>(4096);
        try
        {
            Write(record, includeHash: false, scratch);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(scratch.WrittenSpan, hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            scratch.ResetWrittenCount();
            if (scratch.Capacity > ScratchKeepBytes)
            {
                t_scratch = null;
            }
        }
    }

    /// <summary>The canonical time text: UTC, 7 fractional digits, <c>Z</c>.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static void Str(IBufferWriter<byte> output, ReadOnlySpan<byte> key, string? value)
    {
        output.Write(key);
        CanonicalJson.WriteString(output, value);
    }

    private static void Str(IBufferWriter<byte> output, ReadOnlySpan<byte> key, MaskedText? value)
    {
        output.Write(key);
        if (value is null)
        {
            output.Write("null"u8);
        }
        else
        {
            CanonicalJson.WriteString(output, value.Utf8);
        }
    }

    private static void Int(IBufferWriter<byte> output, ReadOnlySpan<byte> key, long value)
    {
        output.Write(key);
        CanonicalJson.WriteInteger(output, value);
    }
}
