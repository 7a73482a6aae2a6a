using CsCheck;
using Hush.ExtProc.Audit;
using Hush.ExtProc.Postgres;
using Hush.ExtProc.Tests.Audit;
using Npgsql;

namespace Hush.ExtProc.Tests.Postgres;

/// <summary>Edits made to the PostgreSQL tables behind the store's back (raw SQL) are found by verification.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditStoreTamperTests(PostgresServerFixture server)
{
    private static readonly TimeSpan s_timeout = AuditTestStore.Timeout;
    private static readonly string[] s_columns = PostgresAuditStore.Columns.Split(", ");

    [Fact]
    public async Task ChangedVerdict_HashMismatchAtThatRecord()
    {
        await using var t = await Seeded();
        Assert.Equal(1, await t.SqlAsync("UPDATE hush.audit_records SET verdict = 'passed' WHERE seq = 3"));
        await AssertBroken(t, AuditBreak.HashMismatch, 3);
    }

    [Fact]
    public async Task ChangedMaskedText_HashMismatchAtThatRecord()
    {
        await using var t = await Seeded();
        Assert.Equal(1, await t.SqlAsync("UPDATE hush.audit_records SET masked_response = replace(masked_response, '[MASKED]', 'AKIAFAKE') WHERE seq = 4"));
        await AssertBroken(t, AuditBreak.HashMismatch, 4);
    }

    [Fact]
    public async Task FlippedTruncationFlag_HashMismatchAtThatRecord()
    {
        await using var t = await Seeded();
        Assert.Equal(1, await t.SqlAsync("UPDATE hush.audit_records SET response_truncated = NOT response_truncated WHERE seq = 2"));
        await AssertBroken(t, AuditBreak.HashMismatch, 2);
    }

    [Fact]
    public async Task DeletedMiddleRow_SequenceGapNamesIt()
    {
        await using var t = await Seeded();
        Assert.Equal(1, await t.SqlAsync("DELETE FROM hush.audit_records WHERE seq = 5"));
        await AssertBroken(t, AuditBreak.SequenceGap, 5);
    }

    [Fact]
    public async Task SwappedRows_DetectedAtTheFirst()
    {
        await using var t = await Seeded();
        await t.SqlAsync("UPDATE hush.audit_records SET seq = -7 WHERE seq = 7");
        await t.SqlAsync("UPDATE hush.audit_records SET seq = 7 WHERE seq = 6");
        await t.SqlAsync("UPDATE hush.audit_records SET seq = 6 WHERE seq = -7");
        await AssertBroken(t, AuditBreak.PrevHashMismatch, 6);
    }

    [Fact]
    public async Task InvalidVerdictText_MalformedAndQueryRefuses()
    {
        await using var t = await Seeded();
        await t.SqlAsync("UPDATE hush.audit_records SET verdict = 'PASSED' WHERE seq = 2");
        await AssertBroken(t, AuditBreak.Malformed, 2);
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => Support.AuditQueries.Collect(t.Store, AuditFilter.All));
        Assert.Contains("Audit record 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonCanonicalGroupsJson_Malformed()
    {
        await using var t = await Seeded();
        // Same groups, different bytes: must not decode to the same record.
        await t.SqlAsync("UPDATE hush.audit_records SET groups = replace(groups, ',', ', ') WHERE seq = 3");
        await AssertBroken(t, AuditBreak.Malformed, 3);
    }

    [Fact]
    public async Task InsertedForgedRecordAtTail_PrevHashMismatch()
    {
        await using var t = await Seeded();
        await t.SqlAsync("INSERT INTO hush.audit_records (" + PostgresAuditStore.Columns + ") SELECT " +
            PostgresAuditStore.Columns.Replace("seq,", "seq + 1,", StringComparison.Ordinal) + " FROM hush.audit_records WHERE seq = 8");
        await AssertBroken(t, AuditBreak.PrevHashMismatch, 9);
    }

    [Fact]
    public async Task AnySingleChangeToAnyStoredField_BreaksVerification()
    {
        await using var t = await Seeded();
        var gen = Gen.Select(Gen.Int[1, 8], Gen.Int[0, s_columns.Length - 1], Gen.Int[0, 100_000], Gen.Char['!', '~']);
        var edited = new HashSet<string>(StringComparer.Ordinal);
        await gen.SampleAsync(async (seq, column, position, replacement) =>
        {
            var name = s_columns[column];
            seq = await NonNullRow(t, seq, name);
            var original = await Read(t, seq, name);
            long key = seq;
            object changed;
            switch (original)
            {
                case long number:
                    // Flip one byte of the 64-bit integer.
                    changed = number ^ ((long)(1 + (position % 255)) << (8 * (position % 8)));
                    key = name == "seq" ? (long)changed : key;
                    break;
                case bool flag:
                    changed = !flag;
                    break;
                default:
                    var text = (string)original;
                    var at = position % text.Length;
                    var c = text[at] == replacement ? (replacement == '~' ? '!' : (char)(replacement + 1)) : replacement;
                    changed = string.Concat(text.AsSpan(0, at), c.ToString(), text.AsSpan(at + 1));
                    break;
            }

            if (!await TryUpdate(t, name, seq, changed))
            {
                return; // A primary-key collision: the server itself refused the edit.
            }

            var result = await t.Store.VerifyAsync().WaitAsync(s_timeout);
            Assert.False(result.Intact, $"seq {seq} column {name} edited, chain still verifies");
            if (name == "seq")
            {
                Assert.True(result.BrokenSequence <= seq);
            }
            else
            {
                Assert.Equal(seq, result.BrokenSequence);
            }

            Assert.True(await TryUpdate(t, name, key, original));
            edited.Add(name);
        }, iter: 400, threads: 1);

        // Every column was edited at least once (each is picked with p = 1/32 per iteration; a miss is ~3e-6).
        Assert.Equal(s_columns.Length, edited.Count);
        Assert.True((await t.Store.VerifyAsync().WaitAsync(s_timeout)).Intact);
    }

    private async Task<PostgresAuditTestStore> Seeded()
    {
        var t = await PostgresAuditTestStore.CreateAsync(server);
        for (var i = 0; i < 8; i++)
        {
            // Every other record carries a hold id, so that column is edited too.
            var record = AuditTestStore.Sample(i, (AuditVerdict)(i % 7)) with { HoldId = i % 2 == 0 ? "hold_" + i : null };
            await t.Store.AppendAsync(record).WaitAsync(s_timeout);
            t.Time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.True((await t.Store.VerifyAsync().WaitAsync(s_timeout)).Intact);
        return t;
    }

    private static async Task AssertBroken(PostgresAuditTestStore t, AuditBreak why, long sequence)
    {
        var result = await t.Store.VerifyAsync().WaitAsync(s_timeout);
        Assert.False(result.Intact);
        Assert.Equal(why, result.Break);
        Assert.Equal(sequence, result.BrokenSequence);
        Assert.Equal(sequence - 1, result.RecordCount);
    }

    private static async Task<int> NonNullRow(PostgresAuditTestStore t, int seq, string column)
    {
        // Some fields are null in some rows (approver, justification, job_id, hold_id): move to the next row that has
        // one, so every column is edited about equally often.
        for (var i = 0; i < 8; i++)
        {
            var row = ((seq - 1 + i) % 8) + 1;
            if (await Read(t, row, column) is not DBNull)
            {
                return row;
            }
        }

        throw new InvalidOperationException("no row has a value in " + column);
    }

    private static async Task<object> Read(PostgresAuditTestStore t, long seq, string column) =>
        await t.ScalarAsync($"SELECT {column} FROM hush.audit_records WHERE seq = $1", seq) ?? DBNull.Value;

    private static async Task<bool> TryUpdate(PostgresAuditTestStore t, string column, long seq, object value)
    {
        try
        {
            return await t.SqlAsync($"UPDATE hush.audit_records SET {column} = $1 WHERE seq = $2", value, seq) == 1;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }
    }
}
