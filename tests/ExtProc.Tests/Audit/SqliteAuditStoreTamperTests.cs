using System.Text;
using CsCheck;
using Hush.ExtProc.Audit;
using Microsoft.Data.Sqlite;

namespace Hush.ExtProc.Tests.Audit;

/// <summary>Edits to the database file made behind the store's back (raw SQL) are found by verification.</summary>
public sealed class SqliteAuditStoreTamperTests
{
    private static readonly TimeSpan s_timeout = AuditTestStore.Timeout;
    private static readonly string[] s_columns = SqliteAuditStore.Columns.Split(", ");

    [Fact]
    public async Task ChangedVerdict_HashMismatchAtThatRecord()
    {
        await using var t = await Seeded();
        Assert.Equal(1, t.Sql("UPDATE audit_records SET verdict = 'passed' WHERE seq = 3"));
        await AssertBroken(t, AuditBreak.HashMismatch, 3);
    }

    [Fact]
    public async Task ChangedMaskedText_HashMismatchAtThatRecord()
    {
        await using var t = await Seeded();
        Assert.Equal(1, t.Sql("UPDATE audit_records SET masked_response = replace(masked_response, '[MASKED]', 'AKIAFAKE') WHERE seq = 4"));
        await AssertBroken(t, AuditBreak.HashMismatch, 4);
    }

    [Fact]
    public async Task DeletedMiddleRow_SequenceGapNamesIt()
    {
        await using var t = await Seeded();
        Assert.Equal(1, t.Sql("DELETE FROM audit_records WHERE seq = 5"));
        await AssertBroken(t, AuditBreak.SequenceGap, 5);
    }

    [Fact]
    public async Task SwappedRows_DetectedAtTheFirst()
    {
        await using var t = await Seeded();
        t.Sql("UPDATE audit_records SET seq = -7 WHERE seq = 7");
        t.Sql("UPDATE audit_records SET seq = 7 WHERE seq = 6");
        t.Sql("UPDATE audit_records SET seq = 6 WHERE seq = -7");
        await AssertBroken(t, AuditBreak.PrevHashMismatch, 6);
    }

    [Fact]
    public async Task InvalidVerdictText_MalformedAndQueryRefuses()
    {
        await using var t = await Seeded();
        t.Sql("UPDATE audit_records SET verdict = 'PASSED' WHERE seq = 2");
        await AssertBroken(t, AuditBreak.Malformed, 2);
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => Support.AuditQueries.Collect(t.Store, AuditFilter.All));
        Assert.Contains("Audit record 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InsertedForgedRecordAtTail_PrevHashOrHashMismatch()
    {
        await using var t = await Seeded();
        t.Sql("INSERT INTO audit_records (" + SqliteAuditStore.Columns + ") SELECT " +
              SqliteAuditStore.Columns.Replace("seq,", "seq + 1,", StringComparison.Ordinal) + " FROM audit_records WHERE seq = 8");
        await AssertBroken(t, AuditBreak.PrevHashMismatch, 9);
    }

    [Fact]
    public async Task AnySingleByteChangeToAnyStoredField_BreaksVerification()
    {
        await using var t = await Seeded();
        var gen = Gen.Select(Gen.Int[1, 8], Gen.Int[0, s_columns.Length - 1], Gen.Int[0, 100_000], Gen.Byte);
        var edited = new HashSet<string>(StringComparer.Ordinal);
        await gen.SampleAsync(async (seq, column, position, value) =>
        {
            var name = s_columns[column];
            seq = NonNullRow(t, seq, name);
            var original = Read(t, seq, name);
            var key = (long)seq;
            if (original is long number)
            {
                // Flip one byte of the 64-bit integer.
                var changed = number ^ ((long)(1 + (value % 255)) << (8 * (position % 8)));
                if (!TryUpdate(t, name, key, changed))
                {
                    return; // A primary-key collision: SQLite itself refused the edit.
                }

                key = name == "seq" ? changed : key;
            }
            else
            {
                var bytes = Encoding.UTF8.GetBytes((string)original);
                var at = position % bytes.Length;
                bytes[at] = bytes[at] == value ? (byte)(value ^ 0x01) : value;
                t.Sql($"UPDATE audit_records SET {name} = CAST($v AS TEXT) WHERE seq = $s", ("$v", bytes), ("$s", key));
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

            t.Sql($"UPDATE audit_records SET {name} = $v WHERE seq = $s", ("$v", original), ("$s", key));
            edited.Add(name);
        }, iter: 600, threads: 1);

        // Every column was edited at least once (each is picked with p = 1/31 per iteration; a miss is ~1e-7).
        Assert.Equal(s_columns.Length, edited.Count);

        Assert.True((await t.Store.VerifyAsync().WaitAsync(s_timeout)).Intact);
    }

    private static async Task<AuditTestStore> Seeded()
    {
        var t = AuditTestStore.Create();
        await t.AppendSamplesAsync(8);
        Assert.True((await t.Store.VerifyAsync().WaitAsync(s_timeout)).Intact);
        return t;
    }

    private static async Task AssertBroken(AuditTestStore t, AuditBreak why, long sequence)
    {
        var result = await t.Store.VerifyAsync().WaitAsync(s_timeout);
        Assert.False(result.Intact);
        Assert.Equal(why, result.Break);
        Assert.Equal(sequence, result.BrokenSequence);
        Assert.Equal(sequence - 1, result.RecordCount);
    }

    private static int NonNullRow(AuditTestStore t, int seq, string column)
    {
        // Some fields are null in some rows (approver, justification, job_id): move to the next row that has one,
        // so every column is edited about equally often.
        for (var i = 0; i < 8; i++)
        {
            var row = ((seq - 1 + i) % 8) + 1;
            if (Read(t, row, column) is not DBNull)
            {
                return row;
            }
        }

        throw new InvalidOperationException("no row has a value in " + column);
    }

    private static object Read(AuditTestStore t, long seq, string column) =>
        t.Scalar($"SELECT {column} FROM audit_records WHERE seq = {seq}") ?? DBNull.Value;

    private static bool TryUpdate(AuditTestStore t, string column, long seq, long value)
    {
        try
        {
            t.Sql($"UPDATE audit_records SET {column} = $v WHERE seq = $s", ("$v", value), ("$s", seq));
            return true;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            return false;
        }
    }
}
