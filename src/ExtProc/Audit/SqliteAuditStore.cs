using Microsoft.Data.Sqlite;

namespace Hush.ExtProc.Audit;

/// <summary>
/// The embedded audit store: one SQLite file (<c>audit.db</c>) in WAL mode under the data folder. Appends are
/// serialised by an in-process lock and a <c>BEGIN IMMEDIATE</c> transaction, so the sequence number and previous
/// hash are read and written atomically even when another process (an admin command) has the file open.
/// </summary>
internal sealed partial class SqliteAuditStore : IAuditStore
{
    private readonly AuditOptions _options;
    private readonly TimeProvider _time;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SqliteConnection _writer;
    private int _disposed;

    private SqliteAuditStore(AuditOptions options, TimeProvider time, string connectionString, SqliteConnection writer)
    {
        _options = options;
        _time = time;
        _connectionString = connectionString;
        _writer = writer;
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath => Path.Combine(_options.DataFolder, AuditOptions.DatabaseFileName);

    /// <summary>
    /// Opens (with <paramref name="create"/>, creating the folder, file and schema) the store under
    /// <see cref="AuditOptions.DataFolder"/>. Without <paramref name="create"/> a missing file throws
    /// <see cref="FileNotFoundException"/>, so an admin command never verifies an empty new file by mistake.
    /// </summary>
    public static SqliteAuditStore Open(AuditOptions options, TimeProvider time, bool create = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        if (options.MaxMaskedBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Audit MaxMaskedBytes must not be negative.");
        }

        var path = Path.GetFullPath(Path.Combine(options.DataFolder, AuditOptions.DatabaseFileName));
        if (create)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        else if (!File.Exists(path))
        {
            throw new FileNotFoundException("No audit database at " + path, path);
        }

        // Pooling off: a pooled handle would keep the file open after Dispose (tests delete folders, and retention
        // wants the WAL truncated). The default timeout doubles as SQLite's busy timeout for cross-process writers.
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
        var writer = new SqliteConnection(connectionString);
        try
        {
            writer.Open();
            Execute(writer, "PRAGMA journal_mode=WAL;");
            // NORMAL in WAL mode survives a process crash; a power cut may lose the last commits but never corrupts.
            Execute(writer, "PRAGMA synchronous=NORMAL;");
            // Retention must really remove masked text from the file, not leave it in free pages.
            Execute(writer, "PRAGMA secure_delete=ON;");
            Execute(writer, SchemaSql);
        }
        catch
        {
            writer.Dispose();
            throw;
        }

        return new SqliteAuditStore(options, time, connectionString, writer);
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

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // deferred: false is BEGIN IMMEDIATE: the write lock is taken before the head is read.
            using var tx = _writer.BeginTransaction(deferred: false);
            var (sequence, prev) = ReadHead(_writer, tx);
            var now = _time.GetUtcNow();
            using var insert = CreateInsert(_writer, tx);
            for (var i = 0; i < records.Count; i++)
            {
                var record = AuditChain.Next(records[i], ++sequence, prev, now, _options.MaxMaskedBytes);
                Insert(insert, record);
                stored[i] = record;
                prev = record.Hash;
            }

            tx.Commit();
        }
        finally
        {
            _writeLock.Release();
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

        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }

        _writeLock.Dispose();
    }

    private SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
