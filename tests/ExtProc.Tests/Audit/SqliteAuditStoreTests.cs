using System.Text;
using System.Text.Json;
using Hush.ExtProc.Audit;
using static Hush.ExtProc.Tests.Support.AuditQueries;

namespace Hush.ExtProc.Tests.Audit;

/// <summary>The SQLite store: append, query, filters, export, caps, retention, concurrency (real files).</summary>
public sealed class SqliteAuditStoreTests
{
    private static readonly TimeSpan s_timeout = AuditTestStore.Timeout;

    [Fact]
    public async Task Append_AssignsSequenceTimePrevHashAndRoundTrips()
    {
        await using var t = AuditTestStore.Create();
        var stored = await t.AppendSamplesAsync(3);
        Assert.Equal([1L, 2L, 3L], stored.Select(r => r.Sequence));
        Assert.Equal(AuditCanonical.GenesisHash, stored[0].PrevHash);
        Assert.Equal(stored[0].Hash, stored[1].PrevHash);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 12, 1, 0, TimeSpan.Zero), stored[1].Time);

        var read = await Collect(t.Store, AuditFilter.All);
        Assert.Equal(3, read.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(AuditCanonical.Form(stored[i], includeHash: true), AuditCanonical.Form(read[i], includeHash: true));
        }

        Assert.Equal(stored[0].Groups, read[0].Groups);
        Assert.Equal(stored[0].RuleHits, read[0].RuleHits);
        Assert.Equal("wal", t.Scalar("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Verify_AppendedChain_Intact()
    {
        await using var t = AuditTestStore.Create();
        var stored = await t.AppendSamplesAsync(20);
        var result = await t.Store.VerifyAsync().WaitAsync(s_timeout);
        Assert.True(result.Intact, result.Detail);
        Assert.Equal(20, result.RecordCount);
        Assert.Equal(stored[^1].Hash, result.HeadHash);
    }

    [Fact]
    public async Task Query_Filters_ReturnMatchingRecordsInOrder()
    {
        await using var t = AuditTestStore.Create();
        var start = t.Time.GetUtcNow();
        await t.AppendSamplesAsync(28);
        var all = await Collect(t.Store, AuditFilter.All);

        await AssertMatches(t.Store, new AuditFilter { Subject = "repo:acme/api:ref:refs/heads/main#1" }, all, r => r.Subject!.EndsWith("#1", StringComparison.Ordinal));
        await AssertMatches(t.Store, new AuditFilter { Repository = "acme/web" }, all, r => r.Repository == "acme/web");
        await AssertMatches(t.Store, new AuditFilter { RunId = "run-2" }, all, r => r.RunId == "run-2");
        await AssertMatches(t.Store, new AuditFilter { Rule = "github-pat" }, all, r => r.RuleHits.Any(h => h.Rule == "github-pat"));
        await AssertMatches(t.Store, new AuditFilter { Verdict = AuditVerdict.Denied }, all, r => r.Verdict == AuditVerdict.Denied);
        await AssertMatches(t.Store, new AuditFilter { Since = start.AddMinutes(5), Until = start.AddMinutes(9) }, all,
            r => r.Sequence is >= 6 and <= 9);
        await AssertMatches(t.Store, new AuditFilter { Repository = "acme/api", Verdict = AuditVerdict.Passed }, all,
            r => r.Repository == "acme/api" && r.Verdict == AuditVerdict.Passed);
        await AssertMatches(t.Store, new AuditFilter { AfterSequence = 10, Limit = 5 }, all, r => r.Sequence is > 10 and <= 15);
        Assert.Empty(await Collect(t.Store, new AuditFilter { Rule = "no-such-rule" }));
    }

    [Fact]
    public async Task WriteJsonLines_CanonicalLinesWithHashThatReverify()
    {
        await using var t = AuditTestStore.Create();
        var stored = await t.AppendSamplesAsync(6);
        using var output = new MemoryStream();
        var count = await t.Store.WriteJsonLinesAsync(new AuditFilter { Repository = "acme/api" }, output).WaitAsync(s_timeout);
        Assert.Equal(3, count);
        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.False(text.StartsWith('\uFEFF'));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.True(text.EndsWith('\n'));
        for (var i = 0; i < lines.Length; i++)
        {
            var expected = stored[i * 2];
            Assert.Equal(AuditCanonical.Form(expected, includeHash: true), lines[i]);
            using var doc = JsonDocument.Parse(lines[i]);
            Assert.Equal(expected.Hash, doc.RootElement.GetProperty("hash").GetString());
            Assert.Equal(expected.MaskedRequest, doc.RootElement.GetProperty("masked_request").GetString());
        }
    }

    [Fact]
    public async Task Append_MaskedBodiesFromBytes_StoredAsTextAndReadBackExactly()
    {
        // Bodies arrive as the UTF-8 bytes Hush released (a NUL, an invalid byte, a four-byte character) and are bound
        // as a blob cast to TEXT: the column must hold text, and the row must read back and verify as written.
        await using var t = AuditTestStore.Create();
        byte[] body = [.. "a\0b "u8, 0x00, .. " ✓😀 "u8, 0xFF, .. " [MASKED:aws-access-key]"u8];
        var stored = await t.Store.AppendAsync(new AuditRecord { MaskedResponse = MaskedText.FromUtf8(body), MaskedRequest = "" })
            .WaitAsync(s_timeout);
        Assert.Equal(Encoding.UTF8.GetString(body), stored.MaskedResponse?.ToString());
        var read = Assert.Single(await Collect(t.Store, AuditFilter.All));
        Assert.Equal(stored.MaskedResponse, read.MaskedResponse);
        Assert.Equal(MaskedText.FromString(""), read.MaskedRequest);
        Assert.Equal(stored.Hash, read.Hash);
        Assert.True((await t.Store.VerifyAsync().WaitAsync(s_timeout)).Intact);

        Assert.Equal("text,text", t.Scalar("SELECT typeof(masked_request) || ',' || typeof(masked_response) FROM audit_records"));
    }

    [Fact]
    public async Task Append_OverCap_TruncatedAtCharBoundaryAndFlagged()
    {
        await using var t = AuditTestStore.Create(maxMaskedBytes: 10);
        var stored = await t.Store.AppendAsync(new AuditRecord
        {
            MaskedRequest = "abcdefghé✓xyz",
            MaskedResponse = "short",
        }).WaitAsync(s_timeout);
        Assert.Equal("abcdefghé", stored.MaskedRequest);
        Assert.True(stored.RequestTruncated);
        Assert.Equal("short", stored.MaskedResponse);
        Assert.False(stored.ResponseTruncated);
        var read = Assert.Single(await Collect(t.Store, AuditFilter.All));
        Assert.Equal("abcdefghé", read.MaskedRequest);
        Assert.True(read.RequestTruncated);
        Assert.True((await t.Store.VerifyAsync().WaitAsync(s_timeout)).Intact);
    }

    [Fact]
    public void Cap_DefaultLimitKeeps64KiBAndNeverSplitsCharacters()
    {
        Assert.Equal(64 * 1024, new AuditOptions().MaxMaskedBytes);
        var (text, cut) = MaskedText.FromString(new string('x', 64 * 1024)).Cap(64 * 1024);
        Assert.False(cut);
        Assert.Equal(64 * 1024, text.Length);
        (text, cut) = MaskedText.FromString("ab😀").Cap(5);
        Assert.True(cut);
        Assert.Equal("ab", text.ToString());
    }

    [Fact]
    public async Task ConcurrentAppends_GaplessVerifiableChain()
    {
        await using var t = AuditTestStore.Create();
        var tasks = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                await t.Store.AppendAsync(AuditTestStore.Sample((worker * 1000) + i)).ConfigureAwait(false);
            }
        }));
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(120));
        var all = await Collect(t.Store, AuditFilter.All);
        Assert.Equal(Enumerable.Range(1, 1600).Select(i => (long)i), all.Select(r => r.Sequence));
        var result = await t.Store.VerifyAsync().WaitAsync(s_timeout);
        Assert.True(result.Intact, result.Detail);
        Assert.Equal(1600, result.RecordCount);
    }

    [Fact]
    public async Task AppendRange_OneTransactionChained()
    {
        await using var t = AuditTestStore.Create();
        await t.AppendSamplesAsync(2);
        var batch = await t.Store.AppendRangeAsync([AuditTestStore.Sample(7), AuditTestStore.Sample(8)]).WaitAsync(s_timeout);
        Assert.Equal([3L, 4L], batch.Select(r => r.Sequence));
        Assert.Equal(batch[0].Hash, batch[1].PrevHash);
        Assert.True((await t.Store.VerifyAsync().WaitAsync(s_timeout)).Intact);
    }

    [Fact]
    public async Task Retention_DeletesPrefixKeepsAnchorAndChainVerifies()
    {
        await using var t = AuditTestStore.Create();
        var stored = await t.AppendSamplesAsync(10);
        t.Time.Advance(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(30));

        // The cutoff (now - 2 days) is 30 s before the first record: nothing is old enough yet.
        var deleted = await t.Store.DeleteOlderThanAsync(2).WaitAsync(s_timeout);
        Assert.Equal(0, deleted);
        t.Time.Advance(TimeSpan.FromMinutes(4)); // cutoff now between records 4 and 5
        deleted = await t.Store.DeleteOlderThanAsync(2).WaitAsync(s_timeout);
        Assert.Equal(4, deleted);

        var anchor = await t.Store.GetAnchorAsync().WaitAsync(s_timeout);
        Assert.Equal(new AuditAnchor(4, stored[3].Hash), anchor);
        var result = await t.Store.VerifyAsync().WaitAsync(s_timeout);
        Assert.True(result.Intact, result.Detail);
        Assert.Equal(6, result.RecordCount);
        Assert.Equal(5, (await Collect(t.Store, AuditFilter.All))[0].Sequence);

        // Deleting everything leaves the anchor as the head; the next append continues the chain from it.
        t.Time.Advance(TimeSpan.FromDays(10));
        Assert.Equal(6, await t.Store.DeleteOlderThanAsync(2).WaitAsync(s_timeout));
        var next = await t.Store.AppendAsync(AuditTestStore.Sample(99)).WaitAsync(s_timeout);
        Assert.Equal(11, next.Sequence);
        Assert.Equal(stored[9].Hash, next.PrevHash);
        Assert.True((await t.Store.VerifyAsync().WaitAsync(s_timeout)).Intact);
    }

    [Fact]
    public async Task Retention_TamperedAnchor_Detected()
    {
        await using var t = AuditTestStore.Create();
        await t.AppendSamplesAsync(5);
        t.Time.Advance(TimeSpan.FromDays(30));
        await t.AppendSamplesAsync(2);
        Assert.Equal(5, await t.Store.DeleteOlderThanAsync(7).WaitAsync(s_timeout));
        t.Sql("UPDATE audit_anchor SET hash = $h", ("$h", AuditCanonical.GenesisHash));
        var result = await t.Store.VerifyAsync().WaitAsync(s_timeout);
        Assert.Equal(AuditBreak.PrevHashMismatch, result.Break);
        Assert.Equal(6, result.BrokenSequence);
    }

    [Fact]
    public async Task Retention_DeletedTextGoneFromFiles()
    {
        await using var t = AuditTestStore.Create();
        await t.Store.AppendAsync(new AuditRecord { MaskedRequest = "old-masked-marker-7f3a" }).WaitAsync(s_timeout);
        t.Time.Advance(TimeSpan.FromDays(3));
        await t.Store.AppendAsync(new AuditRecord { MaskedRequest = "new" }).WaitAsync(s_timeout);
        Assert.Equal(1, await t.Store.DeleteOlderThanAsync(1).WaitAsync(s_timeout));
        var marker = Encoding.UTF8.GetBytes("old-masked-marker-7f3a");
        foreach (var file in Directory.GetFiles(t.Folder))
        {
            var bytes = await File.ReadAllBytesAsync(file).WaitAsync(s_timeout);
            Assert.True(bytes.AsSpan().IndexOf(marker) < 0, "found deleted text in " + Path.GetFileName(file));
        }
    }

    [Fact]
    public void Open_WithoutCreateAndNoFile_Throws()
    {
        var folder = Path.Combine(Path.GetTempPath(), "hush-audit-none-" + Guid.NewGuid().ToString("N"));
        Assert.Throws<FileNotFoundException>(() =>
            SqliteAuditStore.Open(new AuditOptions { DataFolder = folder }, TimeProvider.System, create: false));
        Assert.False(Directory.Exists(folder));
    }
}
