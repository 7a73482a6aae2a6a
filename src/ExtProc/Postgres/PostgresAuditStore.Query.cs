using System.Data;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Hush.ExtProc.Audit;
using Npgsql;

namespace Hush.ExtProc.Postgres;

/// <summary>Queries, export, retention and verification of <see cref="PostgresAuditStore"/>.</summary>
internal sealed partial class PostgresAuditStore
{

    /// <inheritdoc/>
    public async IAsyncEnumerable<AuditRecord> QueryAsync(AuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var connection = await _data.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = new NpgsqlCommand(null, connection);
            // rule_hits is canonical JSON text; parsed here only to match, never rewritten.
            AuditQuerySql.Build(command, filter, _records, '@',
                "EXISTS (SELECT 1 FROM jsonb_array_elements(rule_hits::jsonb) AS hit WHERE hit ->> 'rule' = {0})");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var (sequence, record, error) = AuditRows.Decode(reader);
                yield return record ?? throw new InvalidDataException(
                    string.Create(CultureInfo.InvariantCulture, $"Audit record {sequence} cannot be read: {error}"));
            }
        }
    }

    /// <inheritdoc/>
    public Task<long> WriteJsonLinesAsync(AuditFilter filter, Stream output, CancellationToken cancellationToken = default) =>
        AuditExport.WriteAsync(this, filter, output, cancellationToken);

    /// <inheritdoc/>
    public async Task<long> DeleteOlderThanAsync(int days, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var connection = await _data.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (tx.ConfigureAwait(false))
            {
                // The append lock: an append that found no records must not read the anchor while it moves.
                await LockAsync(connection, tx, cancellationToken).ConfigureAwait(false);
                var cutoff = _time.GetUtcNow() - TimeSpan.FromDays(days);
                AuditAnchor? last = null;
                await using (var find = new NpgsqlCommand(
                    "SELECT seq, hash FROM " + _records + " WHERE time_ticks < @cutoff ORDER BY seq DESC LIMIT 1", connection, tx))
                {
                    find.Parameters.AddWithValue("cutoff", cutoff.UtcTicks);
                    await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
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
                long deleted;
                await using (var delete = new NpgsqlCommand("DELETE FROM " + _records + " WHERE seq <= @seq", connection, tx))
                {
                    delete.Parameters.AddWithValue("seq", last.Sequence);
                    deleted = await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await using (var anchor = new NpgsqlCommand("INSERT INTO " + _anchor + " (id, seq, hash) VALUES (1, @seq, @hash) " +
                    "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash", connection, tx))
                {
                    anchor.Parameters.AddWithValue("seq", last.Sequence);
                    anchor.Parameters.AddWithValue("hash", last.Hash);
                    await anchor.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
                return deleted;
            }
        }
    }

    /// <inheritdoc/>
    public async Task<AuditAnchor?> GetAnchorAsync(CancellationToken cancellationToken = default)
    {
        var connection = await _data.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ReadAnchorAsync(connection, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var connection = await _data.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One REPEATABLE READ snapshot: the anchor and every record are read as of one moment while other replicas
            // go on appending or applying retention.
            var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            await using (tx.ConfigureAwait(false))
            {
                var verifier = new AuditChainVerifier(await ReadAnchorAsync(connection, tx, cancellationToken).ConfigureAwait(false));
                await using var command = new NpgsqlCommand("SELECT " + Columns + " FROM " + _records + " ORDER BY seq", connection, tx);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
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
    }
}
