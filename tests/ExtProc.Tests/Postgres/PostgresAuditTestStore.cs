using Hush.ExtProc.Audit;
using Hush.ExtProc.Postgres;
using Hush.ExtProc.Tests.Audit;
using Microsoft.Extensions.Time.Testing;

namespace Hush.ExtProc.Tests.Postgres;

/// <summary>A real PostgreSQL audit store in a fresh database, a fake clock, and raw SQL access for tampering.</summary>
internal sealed class PostgresAuditTestStore : IAsyncDisposable
{
    private PostgresAuditTestStore(string connectionString, FakeTimeProvider time, PostgresAuditStore store)
    {
        ConnectionString = connectionString;
        Time = time;
        Store = store;
    }

    /// <summary>The test database.</summary>
    public string ConnectionString { get; }

    /// <summary>The store's clock.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The store under test.</summary>
    public PostgresAuditStore Store { get; }

    /// <summary>Options pointing at <paramref name="connectionString"/> (schema "hush").</summary>
    public static PostgresOptions Options(string connectionString) => new() { ConnectionString = connectionString };

    /// <summary>Creates a database and opens a store on it.</summary>
    public static async Task<PostgresAuditTestStore> CreateAsync(PostgresServerFixture server, int maxMaskedBytes = 64 * 1024)
    {
        var connectionString = await server.CreateDatabaseAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var store = await PostgresAuditStore.OpenAsync(Options(connectionString), new AuditOptions { MaxMaskedBytes = maxMaskedBytes }, time)
            .WaitAsync(AuditTestStore.Timeout);
        return new PostgresAuditTestStore(connectionString, time, store);
    }

    /// <summary>Opens a second store (its own connection pool: another replica) on the same database and clock.</summary>
    public Task<PostgresAuditStore> OpenReplicaAsync() =>
        PostgresAuditStore.OpenAsync(Options(ConnectionString), new AuditOptions(), Time).WaitAsync(AuditTestStore.Timeout);

    /// <summary>Appends <paramref name="count"/> samples, one fake-clock minute apart.</summary>
    public async Task<List<AuditRecord>> AppendSamplesAsync(int count, int start = 0)
    {
        var stored = new List<AuditRecord>();
        for (var i = start; i < start + count; i++)
        {
            stored.Add(await Store.AppendAsync(AuditTestStore.Sample(i, (AuditVerdict)(i % 7))).WaitAsync(AuditTestStore.Timeout));
            Time.Advance(TimeSpan.FromMinutes(1));
        }

        return stored;
    }

    /// <summary>Runs raw SQL on its own connection (as an attacker with database access would); returns the rows affected.</summary>
    public Task<int> SqlAsync(string sql, params object?[] parameters) => PostgresSql.ExecuteAsync(ConnectionString, sql, parameters);

    /// <summary>Reads one value with raw SQL.</summary>
    public Task<object?> ScalarAsync(string sql, params object?[] parameters) => PostgresSql.ScalarAsync(ConnectionString, sql, parameters);

    /// <summary>Disposes the store (the database goes with the server).</summary>
    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync().AsTask().WaitAsync(AuditTestStore.Timeout);
    }
}
