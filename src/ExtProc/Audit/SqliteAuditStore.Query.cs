using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Hush.ExtProc.Audit;

/// <summary>Queries, export, retention and verification of <see cref="SqliteAuditStore"/>.</summary>
internal sealed partial class SqliteAuditStore
{

    /// <inheritdoc/>
    public async IAsyncEnumerable<AuditRecord> QueryAsync(AuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        AuditQuerySql.Build(command, filter, "audit_records", '$',
            "EXISTS (SELECT 1 FROM json_each(audit_records.rule_hits) WHERE json_extract(value, '$.rule') = {0})");
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var (sequence, record, error) = AuditRows.Decode(reader);
            yield return record ?? throw new InvalidDataException(
                string.Create(CultureInfo.InvariantCulture, $"Audit record {sequence} cannot be read: {error}"));
        }
    }

    /// <inheritdoc/>
    public Task<long> WriteJsonLinesAsync(AuditFilter filter, Stream output, CancellationToken cancellationToken = default) =>
        AuditExport.WriteAsync(this, filter, output, cancellationToken);

    /// <inheritdoc/>
    public async Task<long> DeleteOlderThanAsync(int days, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var cutoff = _time.GetUtcNow() - TimeSpan.FromDays(days);
        long deleted;
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var tx = _writer.BeginTransaction(deferred: false);
            using var find = _writer.CreateCommand();
            find.Transaction = tx;
            find.CommandText = "SELECT seq, hash FROM audit_records WHERE time_ticks < $cutoff ORDER BY seq DESC LIMIT 1";
            find.Parameters.AddWithValue("$cutoff", cutoff.UtcTicks);
            AuditAnchor? last = null;
            using (var reader = find.ExecuteReader())
            {
                if (reader.Read())
                {
                    last = new AuditAnchor(reader.GetInt64(0), reader.GetString(1));
                }
            }

            if (last is null)
            {
                return 0;
            }

            // Delete a whole prefix by sequence (not by time) so the remaining records stay one contiguous chain, and
            // keep the last deleted record's hash as the anchor its successor's prev_hash is checked against.
            using var delete = _writer.CreateCommand();
            delete.Transaction = tx;
            delete.CommandText = "DELETE FROM audit_records WHERE seq <= $seq";
            delete.Parameters.AddWithValue("$seq", last.Sequence);
            deleted = delete.ExecuteNonQuery();
            using var anchor = _writer.CreateCommand();
            anchor.Transaction = tx;
            anchor.CommandText = "INSERT INTO audit_anchor (id, seq, hash) VALUES (1, $seq, $hash) " +
                "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash";
            anchor.Parameters.AddWithValue("$seq", last.Sequence);
            anchor.Parameters.AddWithValue("$hash", last.Hash);
            anchor.ExecuteNonQuery();
            tx.Commit();

            // Move the deleted pages' (zeroed) content out of the WAL into the main file now, not at some later checkpoint.
            Execute(_writer, "PRAGMA wal_checkpoint(TRUNCATE);");
        }
        finally
        {
            _writeLock.Release();
        }

        return deleted;
    }

    /// <inheritdoc/>
    public Task<AuditAnchor?> GetAnchorAsync(CancellationToken cancellationToken = default)
    {
        using var connection = OpenReader();
        return Task.FromResult(ReadAnchor(connection, null));
    }

    /// <inheritdoc/>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        using var connection = OpenReader();
        // One read transaction: the anchor and every record come from the same WAL snapshot while writers go on.
        using var tx = connection.BeginTransaction(deferred: true);
        var verifier = new AuditChainVerifier(ReadAnchor(connection, tx));
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT " + Columns + " FROM audit_records ORDER BY seq";
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var (sequence, record, error) = AuditRows.Decode(reader);
            var ok = record is null ? verifier.AddMalformed(sequence, error ?? "unreadable row") : verifier.Add(record);
            if (!ok)
            {
                break;
            }
        }

        return verifier.Result();
    }
}
