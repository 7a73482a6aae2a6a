using Hush.ExtProc.Audit;
using Npgsql;

namespace Hush.ExtProc.Postgres;

/// <summary>
/// The audit store shared by several replicas: one PostgreSQL table, one gapless hash chain. Each append runs in one
/// transaction that first takes <c>pg_advisory_xact_lock(<see cref="AppendLockKey"/>)</c>, then reads the head and
/// inserts, so appends from any number of processes are serialised by the server (the lock is released only after
/// the commit is visible, so the next holder always reads the new head). Same semantics as <see cref="SqliteAuditStore"/>.
/// </summary>
internal sealed partial class PostgresAuditStore : IAuditStore
{
    /// <summary>Advisory lock key serialising appends and retention across replicas ("HUSHAUDT").</summary>
    public const long AppendLockKey = 0x4855_5348_4155_4454;

    private readonly NpgsqlDataSource _data;
    private readonly AuditOptions _audit;
    private readonly TimeProvider _time;
    private readonly string _records;
    private readonly string _anchor;
    private int _disposed;

    private PostgresAuditStore(NpgsqlDataSource data, PostgresOptions options, AuditOptions audit, TimeProvider time)
    {
        _data = data;
        _audit = audit;
        _time = time;
        _records = options.QuotedSchema + ".audit_records";
        _anchor = options.QuotedSchema + ".audit_anchor";
    }

    /// <summary>
    /// Connects, creates the schema and tables if missing, and returns the store. Throws <see cref="ArgumentException"/>
    /// for invalid options and <see cref="NpgsqlException"/> when the server cannot be reached.
    /// </summary>
    public static async Task<PostgresAuditStore> OpenAsync(PostgresOptions options, AuditOptions audit, TimeProvider time,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(time);
        if (audit.MaxMaskedBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(audit), "Audit MaxMaskedBytes must not be negative.");
        }

        var data = PostgresSchema.CreateDataSource(options);
        try
        {
            await PostgresSchema.EnsureAsync(data, options, SchemaSql(options.QuotedSchema), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await data.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new PostgresAuditStore(data, options, audit, time);
    }

    /// <inheritdoc/>
    public async Task<AuditRecord> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var stored = await AppendRangeAsync([record], cancellationToken).ConfigureAwait(false);
        return stored[0];
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<AuditRecord>> AppendRangeAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var stored = new AuditRecord[records.Count];
        if (records.Count == 0)
        {
            return stored;
        }

        var connection = await _data.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (tx.ConfigureAwait(false))
            {
                await LockAsync(connection, tx, cancellationToken).ConfigureAwait(false);
                var (sequence, prev) = await ReadHeadAsync(connection, tx, cancellationToken).ConfigureAwait(false);

                // Stamped after the lock, so times follow sequence order on one clock.
                var now = _time.GetUtcNow();
                using var batch = new NpgsqlBatch(connection, tx);
                for (var i = 0; i < records.Count; i++)
                {
                    var record = AuditChain.Next(records[i], ++sequence, prev, now, _audit.MaxMaskedBytes);
                    batch.BatchCommands.Add(InsertCommand(record));
                    stored[i] = record;
                    prev = record.Hash;
                }

                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return stored;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _data.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, tx);
        command.Parameters.AddWithValue("key", AppendLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
