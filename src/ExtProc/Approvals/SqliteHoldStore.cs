using Microsoft.Data.Sqlite;

namespace Hush.ExtProc.Approvals;

/// <summary>
/// The single-replica hold store: <c>holds.db</c> (SQLite, WAL) under the data folder, next to the audit trail. It
/// survives restarts, so a deferred answer can still be fetched after approval. State changes are compare-and-set
/// UPDATEs on <c>status = 'pending'</c>; one connection serialised by a lock (holds are rare and rows small).
/// </summary>
internal sealed partial class SqliteHoldStore : IHoldStore
{
    /// <summary>The database file name inside the data folder.</summary>
    public const string DatabaseFileName = "holds.db";

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private int _disposed;

    private SqliteHoldStore(SqliteConnection connection, string path)
    {
        _connection = connection;
        DatabasePath = path;
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>Opens (creating folder, file and schema) the store in <paramref name="dataFolder"/>.</summary>
    public static SqliteHoldStore Open(string dataFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataFolder);
        Directory.CreateDirectory(dataFolder);
        var path = Path.GetFullPath(Path.Combine(dataFolder, DatabaseFileName));
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL;");
            Execute(connection, "PRAGMA synchronous=NORMAL;");
            Execute(connection, "PRAGMA secure_delete=ON;");
            Execute(connection, SchemaSql);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new SqliteHoldStore(connection, path);
    }

    /// <inheritdoc/>
    public Task CreateAsync(HoldRecord hold, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hold);
        return Locked(() =>
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT INTO holds (" + Columns + ") VALUES (" + Parameters + ")";
            Bind(command, hold with { Status = HoldStatus.Pending });
            command.ExecuteNonQuery();
            return 0;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<HoldRecord?> GetAsync(string id, bool includeAnswer = false, CancellationToken cancellationToken = default) =>
        Locked(() =>
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT " + Columns + " FROM holds WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            using var reader = command.ExecuteReader();
            return reader.Read() ? HoldRows.Decode(reader, includeAnswer) : null;
        }, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<HoldRecord>> ListAsync(HoldStatus? status, int limit, CancellationToken cancellationToken = default) =>
        Locked<IReadOnlyList<HoldRecord>>(() =>
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT " + Columns + " FROM holds" + (status is null ? "" : " WHERE status = $status") +
                " ORDER BY created_ticks DESC, id LIMIT $limit";
            if (status is { } s)
            {
                command.Parameters.AddWithValue("$status", HoldRows.StatusText(s));
            }

            command.Parameters.AddWithValue("$limit", Math.Max(0, limit));
            var list = new List<HoldRecord>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                list.Add(HoldRows.Decode(reader, includeAnswer: false));
            }

            return list;
        }, cancellationToken);

    /// <inheritdoc/>
    public Task<int> CountAsync(HoldStatus status, CancellationToken cancellationToken = default) =>
        Locked(() =>
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM holds WHERE status = $status";
            command.Parameters.AddWithValue("$status", HoldRows.StatusText(status));
            return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);

    /// <inheritdoc/>
    public Task<HoldRecord?> DecideAsync(string id, HoldDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return Locked(() =>
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "UPDATE holds SET status = $status, decided_by = $by, justification = $why, decided_ticks = $at " +
                "WHERE id = $id AND status = 'pending' AND expires_ticks > $at AND ($digest IS NULL OR answer_digest = $digest) " +
                "RETURNING " + Columns;
            command.Parameters.AddWithValue("$status", HoldRows.StatusText(decision.Approve ? HoldStatus.Approved : HoldStatus.Denied));
            command.Parameters.AddWithValue("$by", decision.Approver);
            command.Parameters.AddWithValue("$why", decision.Justification);
            command.Parameters.AddWithValue("$at", decision.At.UtcTicks);
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$digest", (object?)decision.ExpectedDigest?.ToLowerInvariant() ?? DBNull.Value);
            using var reader = command.ExecuteReader();
            return reader.Read() ? HoldRows.Decode(reader, includeAnswer: false) : null;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<HoldRecord>> ExpireAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Locked<IReadOnlyList<HoldRecord>>(() =>
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "UPDATE holds SET status = 'expired', decided_ticks = $now " +
                "WHERE status = 'pending' AND expires_ticks <= $now RETURNING " + Columns;
            command.Parameters.AddWithValue("$now", now.UtcTicks);
            var list = new List<HoldRecord>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                list.Add(HoldRows.Decode(reader, includeAnswer: false));
            }

            return list;
        }, cancellationToken);

    /// <inheritdoc/>
    public Task<bool> TryReleaseAsync(string id, string answerDigest, string policySha256, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Locked(() =>
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "UPDATE holds SET released_ticks = $at WHERE id = $id AND status = 'approved' " +
                "AND released_ticks IS NULL AND answer_digest = $digest AND policy_sha256 = $policy";
            command.Parameters.AddWithValue("$at", at.UtcTicks);
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$digest", answerDigest);
            command.Parameters.AddWithValue("$policy", policySha256);
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);

    /// <inheritdoc/>
    public Task WatchAsync(Func<string, CancellationToken, ValueTask> changed, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }

        _lock.Dispose();
    }

    private async Task<T> Locked<T>(Func<T> action, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return action();
        }
        finally
        {
            _lock.Release();
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
