using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CsCheck;
using Hush.ExtProc.Audit;

namespace Hush.ExtProc.Tests.Audit;

/// <summary>The UTF-8 canonical writer against an independent string-level reference of the documented encoding.</summary>
public sealed class AuditCanonicalTests
{
    private static readonly Gen<string> s_text = Gen.OneOf(
        Gen.String[Gen.Char[(char)0, (char)0x7F], 0, 40],
        Gen.String[Gen.Char[(char)0, (char)0x3000], 0, 40],
        Gen.Const("\"\\\n\t\u0001\u001f é✓😀</>"),
        // Long runs between rare escapes: both the byte-by-byte and the vector-search paths of the escaper.
        Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz0123456789 é\"\n"], 0, 400]);

    [Fact]
    public void ComputeHash_IsSha256OfThePinnedForm()
    {
        var record = new AuditRecord
        {
            Sequence = 1,
            Time = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero),
            Subject = "alice",
            MaskedResponse = "data: {\"a\":\"é\\n\"}\n\n",
            Verdict = AuditVerdict.Masked,
        };
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Reference(record))));

        Assert.Equal(expected, AuditCanonical.ComputeHash(record));
        Assert.Equal(Reference(record), AuditCanonical.Form(record));
    }

    [Fact]
    public void Form_RandomStrings_EqualsReferenceAndRoundTrips()
    {
        Gen.Select(s_text, s_text, s_text, Gen.Long, Gen.Bool).Sample((a, b, c, n, cut) =>
        {
            var record = new AuditRecord
            {
                Actor = a,
                MaskedRequest = b,
                MaskedResponse = c,
                Groups = [a, c],
                RuleHits = [new AuditRuleHit(b, 3)],
                LatencyMicroseconds = n,
                ResponseTruncated = cut,
                Time = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(n & 0xFFFF),
            };

            var form = AuditCanonical.Form(record, includeHash: true);
            Assert.Equal(Reference(record, includeHash: true), form);
            using var doc = JsonDocument.Parse(form);
            Assert.Equal(b, doc.RootElement.GetProperty("masked_request").GetString());
            Assert.Equal(c, doc.RootElement.GetProperty("masked_response").GetString());
            Assert.Equal(n, doc.RootElement.GetProperty("latency_us").GetInt64());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Reference(record)))), AuditCanonical.ComputeHash(record));
        }, iter: 300);
    }

    [Fact]
    public void ComputeHash_LargeRecordThenSmall_SameAsFresh()
    {
        var big = new AuditRecord { MaskedResponse = new string('x', 300_000), MaskedRequest = new string('"', 200_000) };
        var small = new AuditRecord { Subject = "bob" };

        var bigHash = AuditCanonical.ComputeHash(big);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Reference(big)))), bigHash);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Reference(small)))), AuditCanonical.ComputeHash(small));
    }

    /// <summary>The canonical form as docs/audit.md states it, built as a string with no shared code.</summary>
    private static string Reference(AuditRecord r, bool includeHash = false)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["actor"] = Str(r.Actor), ["approver"] = Str(r.Approver), ["ci_system"] = Str(r.CiSystem), ["email"] = Str(r.Email),
            ["groups"] = "[" + string.Join(",", r.Groups.Select(Str)) + "]", ["hold_id"] = Str(r.HoldId),
            ["identity_source"] = Str(r.IdentitySource), ["job_id"] = Str(r.JobId), ["job_workflow_ref"] = Str(r.JobWorkflowRef),
            ["justification"] = Str(r.Justification), ["latency_us"] = r.LatencyMicroseconds.ToString(CultureInfo.InvariantCulture),
            ["masked_request"] = Str(r.MaskedRequest?.ToString()), ["masked_response"] = Str(r.MaskedResponse?.ToString()), ["model"] = Str(r.Model),
            ["policy_sha256"] = Str(r.PolicySha256), ["prev_hash"] = Str(r.PrevHash), ["provider"] = Str(r.Provider),
            ["ref"] = Str(r.Ref), ["repository"] = Str(r.Repository), ["request_truncated"] = r.RequestTruncated ? "true" : "false",
            ["response_truncated"] = r.ResponseTruncated ? "true" : "false", ["route"] = Str(r.Route),
            ["rule_hits"] = "[" + string.Join(",", r.RuleHits.Select(h => "{\"count\":" + h.Count.ToString(CultureInfo.InvariantCulture) + ",\"rule\":" + Str(h.Rule) + "}")) + "]",
            ["run_attempt"] = Str(r.RunAttempt), ["run_id"] = Str(r.RunId), ["seq"] = r.Sequence.ToString(CultureInfo.InvariantCulture),
            ["sha"] = Str(r.Sha), ["subject"] = Str(r.Subject),
            ["time"] = Str(r.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)),
            ["v"] = "1", ["verdict"] = Str(AuditVerdicts.ToWire(r.Verdict)), ["workflow"] = Str(r.Workflow),
        };
        if (includeHash)
        {
            fields["hash"] = Str(r.Hash);
        }

        return "{" + string.Join(",", fields.Select(f => "\"" + f.Key + "\":" + f.Value)) + "}";
    }

    private static string Str(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' => "\\u00" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }
}
