using Hush.ExtProc.Approvals;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace Hush.ExtProc.Postgres;

/// <summary>
/// The hold store shared by several replicas (PostgreSQL). Every state change is one <c>UPDATE … WHERE status =
/// 'pending' … RETURNING</c>, a compare-and-set the server arbitrates, so two approvers on two replicas (or an approver
/// and the expiry sweep) cannot both win. A decision or expiry also runs <c>pg_notify('hush_holds', id)</c> in its
/// transaction; <see cref="WatchAsync"/> LISTENs on that channel so the replica whose stream waits wakes at once.
/// </summary>
internal sealed partial class PostgresHoldStore : IHoldStore
{
    /// <summary>The LISTEN/NOTIFY channel carrying the ids of decided and expired holds.</summary>
    public const string Channel = "hush_holds";

    private readonly NpgsqlDataSource _data;
    private readonly string _watchConnectionString;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _holds;
    private readonly CancellationTokenSource _disposing = new();
    private int _disposed;

    private PostgresHoldStore(NpgsqlDataSource data, PostgresOptions options, TimeProvider time, ILogger logger)
    {
        _data = data;
        _time = time;
        _logger = logger;
        _holds = options.QuotedSchema + ".holds";
        _watchConnectionString = WatchConnectionString(options.ConnectionString);
    }

    /// <summary>Connects, creates the schema and table if missing, and returns the store (no logging).</summary>
    public static Task<PostgresHoldStore> OpenAsync(PostgresOptions options, TimeProvider time, CancellationToken cancellationToken = default) =>
        OpenAsync(options, time, null, cancellationToken);

    /// <summary>
    /// Connects, creates the schema and table if missing, and returns the store; <paramref name="logger"/> receives the
    /// watch loop's connection losses. Throws <see cref="ArgumentException"/> for invalid options and
    /// <see cref="NpgsqlException"/> when the server cannot be reached.
    /// </summary>
    public static async Task<PostgresHoldStore> OpenAsync(PostgresOptions options, TimeProvider time, ILogger? logger,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
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

        return new PostgresHoldStore(data, options, time, logger ?? NullLogger.Instance);
    }

    /// <inheritdoc/>
    public async Task CreateAsync(HoldRecord hold, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hold);
        await using var command = _data.CreateCommand("INSERT INTO " + _holds + " (" + Columns + ") VALUES (" +
            "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)");
        Bind(command.Parameters, hold with { Status = HoldStatus.Pending });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<HoldRecord?> GetAsync(string id, bool includeAnswer = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var command = _data.CreateCommand(
            "SELECT " + (includeAnswer ? Columns : ColumnsWithoutAnswer) + " FROM " + _holds + " WHERE id = $1");
        command.Parameters.Add(Text(id));
        var rows = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc/>
    public async Task<int> CountAsync(HoldStatus status, CancellationToken cancellationToken = default)
    {
        await using var command = _data.CreateCommand("SELECT COUNT(*) FROM " + _holds + " WHERE status = $1");
        command.Parameters.Add(Text(HoldRows.StatusText(status)));
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<HoldRecord>> ListAsync(HoldStatus? status, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = _data.CreateCommand("SELECT " + ColumnsWithoutAnswer + " FROM " + _holds +
            (status is null ? "" : " WHERE status = $2") + " ORDER BY created_ticks DESC, id LIMIT $1");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = Math.Max(0, limit) });
        if (status is { } s)
        {
            command.Parameters.Add(Text(HoldRows.StatusText(s)));
        }

        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<HoldRecord?> DecideAsync(string id, HoldDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(decision);
        var rows = await ChangeAndNotifyAsync(
            "UPDATE " + _holds + " SET status = $1, decided_by = $2, justification = $3, decided_ticks = $4 " +
            "WHERE id = $5 AND status = 'pending' AND expires_ticks > $4 AND ($6::text IS NULL OR answer_digest = $6) " +
            "RETURNING " + ColumnsWithoutAnswer,
            [
                Text(HoldRows.StatusText(decision.Approve ? HoldStatus.Approved : HoldStatus.Denied)),
                Text(decision.Approver),
                Text(decision.Justification),
                Ticks(decision.At),
                Text(id),
                Text(decision.ExpectedDigest?.ToLowerInvariant()),
            ],
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<HoldRecord>> ExpireAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await ChangeAndNotifyAsync(
            "UPDATE " + _holds + " SET status = 'expired', decided_ticks = $1 " +
            "WHERE status = 'pending' AND expires_ticks <= $1 RETURNING " + ColumnsWithoutAnswer,
            [Ticks(now)],
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task<bool> TryReleaseAsync(string id, string answerDigest, string policySha256, DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(answerDigest);
        ArgumentNullException.ThrowIfNull(policySha256);
        await using var command = _data.CreateCommand("UPDATE " + _holds + " SET released_ticks = $1 WHERE id = $2 " +
            "AND status = 'approved' AND released_ticks IS NULL AND answer_digest = $3 AND policy_sha256 = $4");
        command.Parameters.Add(Ticks(at));
        command.Parameters.Add(Text(id));
        command.Parameters.Add(Text(answerDigest));
        command.Parameters.Add(Text(policySha256));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Ends any WatchAsync loop still running (it owns its own connection, outside the data source).
        await _disposing.CancelAsync().ConfigureAwait(false);
        await _data.DisposeAsync().ConfigureAwait(false);

        // _disposing is deliberately not disposed: a WatchAsync call racing with DisposeAsync may still link to its
        // token, and a CancellationTokenSource without a timer holds nothing that needs releasing.
    }

    /// <summary>
    /// Runs a compare-and-set UPDATE … RETURNING and, in the same transaction, notifies <see cref="Channel"/> of every
    /// changed id: PostgreSQL delivers the notifications only when (and only if) the change commits.
    /// </summary>
    private async Task<List<HoldRecord>> ChangeAndNotifyAsync(string updateSql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        var connection = await _data.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (tx.ConfigureAwait(false))
            {
                List<HoldRecord> rows;
                await using (var update = new NpgsqlCommand(updateSql, connection, tx))
                {
                    update.Parameters.AddRange(parameters);
                    rows = await ReadAllAsync(update, cancellationToken).ConfigureAwait(false);
                }

                if (rows.Count > 0)
                {
                    var ids = new string[rows.Count];
                    for (var i = 0; i < rows.Count; i++)
                    {
                        ids[i] = rows[i].Id;
                    }

                    await using var notify = new NpgsqlCommand("SELECT pg_notify('" + Channel + "', id) FROM unnest($1) AS id", connection, tx);
                    notify.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = ids });
                    await notify.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
                return rows;
            }
        }
    }
}
