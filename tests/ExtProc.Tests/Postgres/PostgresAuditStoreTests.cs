using System.Text;
using System.Text.Json;
using Hush.ExtProc.Audit;
using Hush.ExtProc.Postgres;
using Hush.ExtProc.Tests.Audit;
using static Hush.ExtProc.Tests.Support.AuditQueries;

namespace Hush.ExtProc.Tests.Postgres;

/// <summary>The PostgreSQL audit store against a real server: append, query, filters, export, caps, retention, replicas.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditStoreTests(PostgresServerFixture server)
{
    private static readonly TimeSpan s_timeout = AuditTestStore.Timeout;

    [Fact]
    public async Task Append_AssignsSequenceTimePrevHashAndRoundTrips()
    {
        await using var t = await PostgresAuditTestStore.CreateAsync(server);
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
        Assert.Equal(3L, await t.ScalarAsync("SELECT count(*) FROM hush.audit_records"));
    }

    [Fact]
    public async Task Append_SubTickTimeAndHoldId_StoredExactly()
    {
        await using var t = await PostgresAuditTestStore.CreateAsync(server);
        t.Time.Advance(TimeSpan.FromTicks(1234567)); // 0.1234567 s: finer than timestamptz's microseconds
        var stored = await t.Store.AppendAsync(AuditTestStore.Sample(1) with { HoldId = "hold_abc" }).WaitAsync(s_timeout);
        var read = Assert.Single(await Collect(t.Store, AuditFilter.All));
        Assert.Equal(stored.Time, read.Time);
        Assert.Equal("hold_abc", read.HoldId);
        Assert.Equal(stored.Hash, AuditCanonical.ComputeHash(read));
    }

    [Fact]
    public async Task Verify_AppendedChain_Intact()
    {
        await using var t = await PostgresAuditTestStore.CreateAsync(server);
        var stored = await t.AppendSamplesAsync(20);
        var result = await t.Store.VerifyAsync().WaitAsync(s_timeout);
        Assert.True(result.Intact, result.Detail);
        Assert.Equal(20, result.RecordCount);
        Assert.Equal(stored[^1].Hash, result.HeadHash);
        Assert.Equal(20, result.HeadSequence);
    }

    [Fact]
    public async Task Query_Filters_ReturnMatchingRecordsInOrder()
    {
        await using var t = await PostgresAuditTestStore.CreateAsync(server);
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
        Assert.Empty(await Collect(t.Store, new AuditFilter { Subject = "x' OR '1'='1" }));
    }

    [Fact]
    public async Task WriteJsonLines_CanonicalLinesWithHashThatReverify()
    {
        await using var t = await PostgresAuditTestStore.CreateAsync(server);
        var stored = await t.AppendSamplesAsync(6);
        using var output = new MemoryStream();
        var count = await t.Store.WriteJsonLinesAsync(new AuditFilter { Repository = "acme/api" }, output).WaitAsync(s_timeout);
        Assert.Equal(3, count);
        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.False(text.StartsWith('\uFEFF'));
        Assert.True(text.EndsWith('\n'));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
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
    public async Task Append_OverCap_TruncatedAtCharBoundaryAndFlagged()
    {
        await using var t = await PostgresAuditTestStore.CreateAsync(server, maxMaskedBytes: 10);
        var stored = await t.Store.AppendAsync(new AuditRecord { MaskedRequest = "abcdefghé✓xyz", MaskedResponse = "short" }).WaitAsync(s_timeout);
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
    public async Task AppendRange_OneTransactionChained()
    {
        await using var t = await PostgresAuditTestStore.CreateAsync(server);
        await t.AppendSamplesAsync(2);
        var batch = await t.Store.AppendRangeAsync([AuditTestStore.Sample(7), AuditTestStore.Sample(8)]).WaitAsync(s_timeout);
        Assert.Equal([3L, 4L], batch.Select(r => r.Sequence));
        Assert.Equal(batch[0].Hash, batch[1].PrevHash);
        Assert.Empty(await t.Store.AppendRangeAsync([]).WaitAsync(s_timeout));
        Assert.True((await t.Store.VerifyAsync().WaitAsync(s_timeout)).Intact);
    }

    [Fact]
    public async Task ConcurrentAppends_TwoReplicas_OneGaplessVerifiableChain()
    {
        await using var t = await PostgresAuditTestStore.CreateAsync(server);
        var replica = await t.OpenReplicaAsync();
        await using (replica)
        {
            IAuditStore[] stores = [t.Store, replica];
            var tasks = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
            {
                var store = stores[worker % 2];
                for (var i = 0; i < 50; i++)
                {
                    if (i % 10 == 9)
                    {
                        await store.AppendRangeAsync([AuditTestStore.Sample(worker * 1000 + i), AuditTestStore.Sample(worker * 1000 + i + 500)])
                            .ConfigureAwait(false);
                    }
                    else
                    {
                        await store.AppendAsync(AuditTestStore.Sample((worker * 1000) + i)).ConfigureAwait(false);
                    }
                }
            }));
            await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(120));

            var all = await Collect(t.Store, AuditFilter.All);
            Assert.Equal(Enumerable.Range(1, 440).Select(i => (long)i), all.Select(r => r.Sequence));
            foreach (var store in stores)
            {
                var result = await store.VerifyAsync().WaitAsync(s_timeout);
                Assert.True(result.Intact, result.Detail);
                Assert.Equal(440, result.RecordCount);
            }
        }
    }

    [Fact]
    public async Task Verify_WhileOtherReplicaAppendsAndPrunes_SeesOneConsistentSnapshot()
    {
        await using var t = await PostgresAuditTestStore.CreateAsync(server);
        var replica = await t.OpenReplicaAsync();
        await using (replica)
        {
            using var stop = new CancellationTokenSource();
            var prunes = 0;
            var writer = Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested && i < 5000; i++)
                {
                    await replica.AppendRangeAsync([AuditTestStore.Sample(i), AuditTestStore.Sample(i + 1)]).ConfigureAwait(false);
                    t.Time.Advance(TimeSpan.FromSeconds(1));
                    if (i % 5 == 4 && await replica.DeleteOlderThanAsync(0).ConfigureAwait(false) > 0)
                    {
                        // Retention from the writer's side moves the anchor while the reader verifies.
                        Interlocked.Increment(ref prunes);
                    }
                }
            });
            try
            {
                // Verify until the writer has pruned several times during the verifications (bounded by the writer's loop).
                for (var i = 0; i < 60 || (Volatile.Read(ref prunes) < 30 && !writer.IsCompleted); i++)
                {
                    var result = await t.Store.VerifyAsync().WaitAsync(s_timeout);
                    Assert.True(result.Intact, result.Detail);
                }
            }
            finally
            {
                await stop.CancelAsync();
                await writer.WaitAsync(TimeSpan.FromSeconds(60));
            }

            Assert.True(Volatile.Read(ref prunes) >= 30, "retention did not run during the verifications");
            Assert.NotNull(await t.Store.GetAnchorAsync().WaitAsync(s_timeout));
            Assert.True((await t.Store.VerifyAsync().WaitAsync(s_timeout)).Intact);
        }
    }

    [Fact]
    public async Task Retention_DeletesPrefixKeepsAnchorAndChainVerifies()
    {
        await using var t = await PostgresAuditTestStore.CreateAsync(server);
        var stored = await t.AppendSamplesAsync(10);
        t.Time.Advance(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(30));
        Assert.Null(await t.Store.GetAnchorAsync().WaitAsync(s_timeout));

        // The cutoff (now - 2 days) is 30 s before the first record: nothing is old enough yet.
        Assert.Equal(0, await t.Store.DeleteOlderThanAsync(2).WaitAsync(s_timeout));
        t.Time.Advance(TimeSpan.FromMinutes(4)); // cutoff now between records 4 and 5
        Assert.Equal(4, await t.Store.DeleteOlderThanAsync(2).WaitAsync(s_timeout));

        Assert.Equal(new AuditAnchor(4, stored[3].Hash), await t.Store.GetAnchorAsync().WaitAsync(s_timeout));
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
        await using var t = await PostgresAuditTestStore.CreateAsync(server);
        await t.AppendSamplesAsync(5);
        t.Time.Advance(TimeSpan.FromDays(30));
        await t.AppendSamplesAsync(2);
        Assert.Equal(5, await t.Store.DeleteOlderThanAsync(7).WaitAsync(s_timeout));
        Assert.Equal(1, await t.SqlAsync("UPDATE hush.audit_anchor SET hash = $1", AuditCanonical.GenesisHash));
        var result = await t.Store.VerifyAsync().WaitAsync(s_timeout);
        Assert.Equal(AuditBreak.PrevHashMismatch, result.Break);
        Assert.Equal(6, result.BrokenSequence);
    }

    [Fact]
    public async Task Open_ConcurrentlyOnFreshDatabaseInCustomSchema_CreatesTablesOnce()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var options = new PostgresOptions { ConnectionString = connectionString, Schema = "audit_trail" };
        var opens = Enumerable.Range(0, 4).Select(_ => PostgresAuditStore.OpenAsync(options, new AuditOptions(), TimeProvider.System));
        var stores = await Task.WhenAll(opens).WaitAsync(s_timeout);
        try
        {
            await stores[0].AppendAsync(AuditTestStore.Sample(1)).WaitAsync(s_timeout);
            var second = await stores[3].AppendAsync(AuditTestStore.Sample(2)).WaitAsync(s_timeout);
            Assert.Equal(2, second.Sequence);
            Assert.Equal(2L, await PostgresSql.ScalarAsync(connectionString, "SELECT count(*) FROM audit_trail.audit_records"));
            Assert.Equal(0L, await PostgresSql.ScalarAsync(connectionString,
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'hush'"));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Open_NoServer_ThrowsNpgsqlException()
    {
        var options = new PostgresOptions { ConnectionString = "Host=127.0.0.1;Port=1;Username=hush;Timeout=5" };
        await Assert.ThrowsAnyAsync<Npgsql.NpgsqlException>(() =>
            PostgresAuditStore.OpenAsync(options, new AuditOptions(), TimeProvider.System).WaitAsync(s_timeout));
    }
}
