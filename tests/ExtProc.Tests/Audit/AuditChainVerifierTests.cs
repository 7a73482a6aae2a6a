using System.Text.Json;
using Hush.ExtProc.Audit;

namespace Hush.ExtProc.Tests.Audit;

/// <summary>The canonical form and the in-memory chain verifier.</summary>
public sealed class AuditChainVerifierTests
{
    [Fact]
    public void CanonicalForm_KeysSortedNoWhitespaceEveryKeyPresent()
    {
        var form = AuditCanonical.Form(new AuditRecord { Sequence = 3, Verdict = AuditVerdict.Held });
        using var doc = JsonDocument.Parse(form);
        var keys = doc.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        Assert.Equal(32, keys.Count);
        Assert.DoesNotContain("hash", keys);
        Assert.StartsWith("{\"actor\":null,\"approver\":null,\"ci_system\":null,", form, StringComparison.Ordinal);
        Assert.Contains("\"seq\":3,", form, StringComparison.Ordinal);
        Assert.Contains("\"time\":\"0001-01-01T00:00:00.0000000Z\"", form, StringComparison.Ordinal);
        Assert.Contains("\"verdict\":\"held\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain(" ", form, StringComparison.Ordinal);
    }

    [Fact]
    public void CanonicalForm_EscapesOnlyQuoteBackslashAndControls()
    {
        var form = AuditCanonical.Form(new AuditRecord { MaskedRequest = "a\"b\\c\n\u0001é✓</>" });
        Assert.Contains("\"masked_request\":\"a\\\"b\\\\c\\u000a\\u0001é✓</>\"", form, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(form);
        Assert.Equal("a\"b\\c\n\u0001é✓</>", doc.RootElement.GetProperty("masked_request").GetString());
    }

    [Fact]
    public void CanonicalForm_TimeIsUtcWithSevenDigits()
    {
        var local = new DateTimeOffset(2026, 1, 2, 5, 4, 5, TimeSpan.FromHours(2)).AddTicks(1);
        Assert.Equal("2026-01-02T03:04:05.0000001Z", AuditCanonical.FormatTime(local));
    }

    [Fact]
    public void ComputeHash_KnownVectorIsStable()
    {
        // Pins the canonical form: if this changes, every stored chain stops verifying (raise FormatVersion instead).
        var record = new AuditRecord
        {
            Sequence = 1,
            Time = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero),
            Subject = "alice",
            Groups = ["dev"],
            RuleHits = [new AuditRuleHit("aws-access-key", 2)],
            Verdict = AuditVerdict.Masked,
            LatencyMicroseconds = 42,
        };
        Assert.Equal(
            "{\"actor\":null,\"approver\":null,\"ci_system\":null,\"email\":null,\"groups\":[\"dev\"],\"hold_id\":null,\"identity_source\":null," +
            "\"job_id\":null,\"job_workflow_ref\":null,\"justification\":null,\"latency_us\":42,\"masked_request\":null," +
            "\"masked_response\":null,\"model\":null,\"policy_sha256\":null," +
            "\"prev_hash\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"provider\":null," +
            "\"ref\":null,\"repository\":null,\"request_truncated\":false,\"response_truncated\":false,\"route\":null," +
            "\"rule_hits\":[{\"count\":2,\"rule\":\"aws-access-key\"}],\"run_attempt\":null,\"run_id\":null,\"seq\":1," +
            "\"sha\":null,\"subject\":\"alice\",\"time\":\"2026-11-28T12:00:00.0000000Z\",\"v\":1,\"verdict\":\"masked\"," +
            "\"workflow\":null}",
            AuditCanonical.Form(record));
        var hash = AuditCanonical.ComputeHash(record);
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(hash, AuditCanonical.ComputeHash(record with { }));
        Assert.NotEqual(hash, AuditCanonical.ComputeHash(record with { LatencyMicroseconds = 43 }));
    }

    [Fact]
    public void Verify_ValidChain_Intact()
    {
        var chain = Chain(5);
        var result = AuditChainVerifier.Verify(chain);
        Assert.True(result.Intact);
        Assert.Equal(5, result.RecordCount);
        Assert.Equal(5, result.HeadSequence);
        Assert.Equal(chain[^1].Hash, result.HeadHash);
    }

    [Fact]
    public void Verify_EmptyChain_IntactAtGenesis()
    {
        var result = AuditChainVerifier.Verify([]);
        Assert.True(result.Intact);
        Assert.Equal(0, result.RecordCount);
        Assert.Equal(AuditCanonical.GenesisHash, result.HeadHash);
    }

    [Fact]
    public void Verify_EditedField_HashMismatchAtThatRecord()
    {
        var chain = Chain(5);
        chain[2] = chain[2] with { Verdict = AuditVerdict.Passed };
        var result = AuditChainVerifier.Verify(chain);
        Assert.Equal(AuditBreak.HashMismatch, result.Break);
        Assert.Equal(3, result.BrokenSequence);
        Assert.Equal(2, result.RecordCount);
    }

    [Fact]
    public void Verify_RehashedEdit_PrevHashMismatchAtNextRecord()
    {
        // An attacker who recomputes the edited record's own hash still breaks the link to the next record.
        var chain = Chain(5);
        var edited = chain[2] with { MaskedResponse = "edited", Hash = "" };
        chain[2] = edited with { Hash = AuditCanonical.ComputeHash(edited) };
        var result = AuditChainVerifier.Verify(chain);
        Assert.Equal(AuditBreak.PrevHashMismatch, result.Break);
        Assert.Equal(4, result.BrokenSequence);
    }

    [Fact]
    public void Verify_MissingRecord_SequenceGapNamesTheMissingSequence()
    {
        var chain = Chain(5);
        chain.RemoveAt(1);
        var result = AuditChainVerifier.Verify(chain);
        Assert.Equal(AuditBreak.SequenceGap, result.Break);
        Assert.Equal(2, result.BrokenSequence);
        Assert.Contains("expected sequence 2, found 3", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_Anchor_ChainStartsAfterIt()
    {
        var chain = Chain(6);
        var anchor = new AuditAnchor(3, chain[2].Hash);
        Assert.True(AuditChainVerifier.Verify(chain.Skip(3), anchor).Intact);
        var wrong = AuditChainVerifier.Verify(chain.Skip(3), new AuditAnchor(3, AuditCanonical.GenesisHash));
        Assert.Equal(AuditBreak.PrevHashMismatch, wrong.Break);
        Assert.Equal(4, wrong.BrokenSequence);
        Assert.Equal(AuditBreak.SequenceGap, AuditChainVerifier.Verify(chain.Skip(3)).Break);
    }

    /// <summary>A valid in-memory chain of <paramref name="count"/> records.</summary>
    internal static List<AuditRecord> Chain(int count)
    {
        var chain = new List<AuditRecord>();
        var prev = AuditCanonical.GenesisHash;
        for (var i = 1; i <= count; i++)
        {
            var record = AuditTestStore.Sample(i) with
            {
                Sequence = i,
                Time = new DateTimeOffset(2026, 11, 28, 12, i, 0, TimeSpan.Zero),
                PrevHash = prev,
                Hash = "",
            };
            record = record with { Hash = AuditCanonical.ComputeHash(record) };
            chain.Add(record);
            prev = record.Hash;
        }

        return chain;
    }
}
