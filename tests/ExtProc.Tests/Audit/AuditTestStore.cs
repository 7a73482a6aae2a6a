using Hush.ExtProc.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Hush.ExtProc.Tests.Audit;

/// <summary>A real SQLite audit store in a fresh temp folder, a fake clock, and raw SQL access for tampering.</summary>
internal sealed class AuditTestStore : IAsyncDisposable
{
    /// <summary>Every await in the audit tests is bounded by this.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private AuditTestStore(string folder, FakeTimeProvider time, SqliteAuditStore store)
    {
        Folder = folder;
        Time = time;
        Store = store;
    }

    /// <summary>The data folder.</summary>
    public string Folder { get; }

    /// <summary>The store's clock.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The store under test.</summary>
    public SqliteAuditStore Store { get; }

    /// <summary>Creates a store in a new temp folder.</summary>
    public static AuditTestStore Create(int maxMaskedBytes = 64 * 1024)
    {
        var folder = Path.Combine(Path.GetTempPath(), "hush-audit-" + Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var store = SqliteAuditStore.Open(new AuditOptions { DataFolder = folder, MaxMaskedBytes = maxMaskedBytes }, time);
        return new AuditTestStore(folder, time, store);
    }

    /// <summary>A record with every field set (fake, masked-looking values only).</summary>
    public static AuditRecord Sample(int i, AuditVerdict verdict = AuditVerdict.Masked) => new()
    {
        IdentitySource = "metadata",
        Subject = "repo:acme/api:ref:refs/heads/main#" + (i % 3),
        Email = "dev" + i + "@example.com",
        Groups = ["dev", "team-" + (i % 2)],
        CiSystem = "github-actions",
        Repository = i % 2 == 0 ? "acme/api" : "acme/web",
        RunId = "run-" + (i % 4),
        RunAttempt = "1",
        JobId = i % 3 == 0 ? "job-" + i : null,
        Sha = "0123456789abcdef0123456789abcdef01234567",
        Ref = "refs/heads/main",
        Workflow = "deploy",
        JobWorkflowRef = "acme/wf/.github/workflows/deploy.yml@refs/heads/main",
        Actor = "octocat",
        Route = "openai",
        Provider = "openai",
        Model = "gpt-4o",
        PolicySha256 = new string('a', 64),
        RuleHits = i % 2 == 0 ? [new AuditRuleHit("aws-access-key", 2), new AuditRuleHit("github-pat", 1)] : [new AuditRuleHit("slack-token", 1)],
        Verdict = verdict,
        Approver = verdict is AuditVerdict.Approved or AuditVerdict.Denied ? "approver@example.com" : null,
        Justification = verdict is AuditVerdict.Approved or AuditVerdict.Denied ? "reviewed \"diff\"\n ok" : null,
        HoldId = verdict is AuditVerdict.Held or AuditVerdict.Approved or AuditVerdict.Denied or AuditVerdict.Expired ? "hold_abcdefghijklmnopqrstuvwxyz" : null,
        LatencyMicroseconds = 1000 + i,
        MaskedRequest = "{\"messages\":[{\"content\":\"key {aws-access-key:" + i + "} ünïcødé ✓\"}]}",
        MaskedResponse = "data: {\"choices\":[{\"delta\":{\"content\":\"[MASKED]\"}}]}\n\n",
    };

    /// <summary>Appends <paramref name="count"/> samples, one fake-clock minute apart.</summary>
    public async Task<List<AuditRecord>> AppendSamplesAsync(int count, int start = 0)
    {
        var stored = new List<AuditRecord>();
        for (var i = start; i < start + count; i++)
        {
            stored.Add(await Store.AppendAsync(Sample(i, (AuditVerdict)(i % 7))).WaitAsync(Timeout));
            Time.Advance(TimeSpan.FromMinutes(1));
        }

        return stored;
    }

    /// <summary>Runs raw SQL against the database file (a separate connection, as an attacker with file access would).</summary>
    public int Sql(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Store.DatabasePath,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteNonQuery();
    }

    /// <summary>Reads one value with raw SQL.</summary>
    public object? Scalar(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Store.DatabasePath,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>Disposes the store and deletes the folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync().AsTask().WaitAsync(Timeout);
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test on cleanup.
        }
    }
}
