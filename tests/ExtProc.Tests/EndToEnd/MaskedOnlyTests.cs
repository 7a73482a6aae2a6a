using System.Net;
using System.Text;
using Hush.ExtProc.Approvals;
using Hush.ExtProc.Audit;
using Hush.ExtProc.Tests.Approvals;
using Hush.ExtProc.Tests.Postgres;
using Hush.ExtProc.Tests.Sinks;
using Hush.ExtProc.Tests.Support;
using Hush.MockLlm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hush.ExtProc.Tests.EndToEnd;

/// <summary>
/// The masked-only guarantee, end to end: secrets planted in prompts and answers (whole, split across chunks and SSE
/// events, inside held answers that are approved, denied and deferred) never appear in anything Hush persisted or sent
/// elsewhere: the SQLite files (with WAL and SHM), logs at every level, metrics, webhook and Slack payloads, HTTP and
/// syslog SIEM output, and the JSON-lines export.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MaskedOnlyTests(PostgresServerFixture postgres)
{
    private const string PromptSecret = "AKIAQYLPMN5HFIQR7XYA";
    private const string AnswerSecret = HoldRig.Secret;
    private static readonly TimeSpan s_timeout = HoldRig.Timeout;

    [Fact]
    public Task EverythingHushPersistsOrEmits_HoldsNoPlantedSecret_Sqlite() => RunAsync(null);

    [Fact]
    public async Task EverythingHushPersistsOrEmits_HoldsNoPlantedSecret_PostgreSql() =>
        await RunAsync(await postgres.CreateDatabaseAsync().WaitAsync(s_timeout));

    private static async Task RunAsync(string? postgresConnection)
    {
        string[] storage = postgresConnection is null ? [] : ["--Hush:Storage=postgres", $"--Hush:Postgres:ConnectionString={postgresConnection}"];
        var data = Directory.CreateTempSubdirectory("hush-masked-only-").FullName;
        var logs = new LogCapture();
        await using var webhook = await HttpTestReceiver.StartAsync();
        await using var slack = await HttpTestReceiver.StartAsync();
        await using var siem = await HttpTestReceiver.StartAsync();
        await using var syslog = SyslogTestCollector.Start();
        try
        {
            await using (var rig = await HoldRig.StartAsync(beforeHeaders: true, services => services.AddSingleton<ILoggerProvider>(logs),
                dataFolder: data, hushArgs:
                [
                    "--Logging:LogLevel:Default=Trace", "--Hush:Holds:InlineWindow=00:00:03",
                    $"--Hush:Notifications:Webhooks:0:Url={webhook.Url}", "--Hush:Notifications:Webhooks:0:Format=json",
                    $"--Hush:Notifications:Webhooks:1:Url={slack.Url}", "--Hush:Notifications:Webhooks:1:Format=slack",
                    "--Hush:Audit:Sinks:0:Name=siem", "--Hush:Audit:Sinks:0:Type=http", $"--Hush:Audit:Sinks:0:Url={siem.Url}",
                    "--Hush:Audit:Sinks:1:Name=syslog", "--Hush:Audit:Sinks:1:Type=syslog", "--Hush:Audit:Sinks:1:Host=127.0.0.1",
                    $"--Hush:Audit:Sinks:1:Port={syslog.Port}", .. storage,
                ]))
            {
                using var client = new HttpClient { Timeout = s_timeout };
                var prompt = $"deploy with {PromptSecret} please";

                // 1. A secret in the prompt; the answer's secret split across SSE events and random chunk writes.
                rig.Mock.Scripts.Default = new MockScript { Tokens = ["Your key: AKIAQ7", "XW3MZ", "K5TRV2HNB", " is set."], RandomWriteMax = 7 };
                using (var plain = await rig.SendChatAsync(client, "ci-bot", prompt: prompt).WaitAsync(s_timeout))
                {
                    var body = await plain.Content.ReadAsStringAsync().WaitAsync(s_timeout);
                    Assert.Equal($"Your key: {HoldRig.Masked} is set.", SseText.Text(body));
                }

                // 2. Held answers with the secret: approved inline, denied, and deferred then approved and collected.
                rig.Mock.Scripts.Default = HoldRig.HeldScript() with { RandomWriteMax = 9 };
                await HoldAsync(rig, client, prompt, approve: true);
                await HoldAsync(rig, client, prompt, approve: false);
                using (var deferred = await rig.SendChatAsync(client, "ci-bot", prompt: prompt).WaitAsync(s_timeout))
                {
                    Assert.Equal(HttpStatusCode.Accepted, deferred.StatusCode);
                    var id = Assert.Single(deferred.Headers.GetValues("x-hush-approval-id"));
                    Assert.Equal(DecisionError.None, (await rig.DecideAsync(id, approve: true)).Error);
                    using var fetched = await rig.FetchAsync(client, "ci-bot", id);
                    Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
                    Assert.Equal(HoldRig.ApprovedText, SseText.Text(await fetched.Content.ReadAsStringAsync().WaitAsync(s_timeout)));
                }

                Assert.False(rig.Mock.EverReceived(PromptSecret), "the provider received the prompt's secret");

                // 4 exchanges + 1 fetch + 3 decisions; every record reaches both sinks; 3 holds notify both webhooks.
                var store = rig.Hush.App.Services.GetRequiredService<IAuditStore>();
                await Eventually.TrueAsync(async () => (await AuditQueries.Collect(store, AuditFilter.All)).Count >= 8, 30);
                await siem.WaitForAsync(1);
                await Eventually.TrueAsync(() => Task.FromResult(CountLines(siem) >= 8 && syslog.Messages.Count >= 8), 30);
                await webhook.WaitForAsync(3);
                await slack.WaitForAsync(3);

                var export = new MemoryStream();
                await store.WriteJsonLinesAsync(AuditFilter.All, export).WaitAsync(s_timeout);
                var metrics = await MetricsScrape.ScrapeAsync(rig.Hush.Admin);
                var exportText = Encoding.UTF8.GetString(export.ToArray());

                // Positive controls: the searched outputs do carry the (masked) traffic, so an absence means something.
                Assert.Contains("[MASKED:aws-access-key-id]", exportText, StringComparison.Ordinal);
                Assert.Contains("raised on route", logs.Text, StringComparison.Ordinal);

                var outputs = new Dictionary<string, byte[]>
                {
                    ["logs"] = Encoding.UTF8.GetBytes(logs.Text),
                    ["metrics"] = Encoding.UTF8.GetBytes(metrics),
                    ["export"] = export.ToArray(),
                    ["webhook"] = Concat(webhook.Requests),
                    ["slack"] = Concat(slack.Requests),
                    ["siem-http"] = Concat(siem.Requests),
                    ["syslog"] = Encoding.UTF8.GetBytes(string.Join('\n', syslog.Messages)),
                };
                foreach (var file in Directory.GetFiles(data))
                {
                    outputs["file " + Path.GetFileName(file)] = await ReadAllAsync(file);
                }

                if (postgresConnection is not null)
                {
                    // Every row of every table Hush owns, each value as text (bytea as its raw bytes).
                    outputs["file postgres rows"] = await PostgresRowsAsync(postgresConnection);
                }
                else
                {
                    Assert.Contains("file audit.db-wal", outputs.Keys);
                }

                var files = new StringBuilder();
                foreach (var (name, bytes) in outputs)
                {
                    files.Append(name.StartsWith("file ", StringComparison.Ordinal) ? Encoding.UTF8.GetString(bytes) : "");
                }

                Assert.Contains("create-user", files.ToString(), StringComparison.Ordinal);
                Assert.Contains("[MASKED:aws-access-key-id]", files.ToString(), StringComparison.Ordinal);
                AssertNoSecret(outputs);
            }

            // After shutdown (WAL checkpointed into the main files) the files are searched once more.
            var after = new Dictionary<string, byte[]>();
            foreach (var file in Directory.GetFiles(data))
            {
                after["file after stop " + Path.GetFileName(file)] = await ReadAllAsync(file);
            }

            AssertNoSecret(after);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<byte[]> PostgresRowsAsync(string connection)
    {
        await using var db = new Npgsql.NpgsqlConnection(connection);
        await db.OpenAsync().WaitAsync(s_timeout);
        var tables = new List<string>();
        await using (var list = new Npgsql.NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'hush'", db))
        await using (var reader = await list.ExecuteReaderAsync().WaitAsync(s_timeout))
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("audit_records", tables);
        Assert.Contains("holds", tables);
        var all = new MemoryStream();
        foreach (var table in tables)
        {
            await using var select = new Npgsql.NpgsqlCommand($"SELECT * FROM hush.\"{table}\"", db);
            await using var rows = await select.ExecuteReaderAsync().WaitAsync(s_timeout);
            while (await rows.ReadAsync())
            {
                for (var i = 0; i < rows.FieldCount; i++)
                {
                    var bytes = rows.IsDBNull(i) ? [] : rows.GetValue(i) is byte[] raw ? raw : Encoding.UTF8.GetBytes(Convert.ToString(rows.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "");
                    all.Write(bytes);
                    all.WriteByte((byte)'\n');
                }
            }
        }

        return all.ToArray();
    }

    private static async Task HoldAsync(HoldRig rig, HttpClient client, string prompt, bool approve)
    {
        var send = rig.SendChatAsync(client, "ci-bot", prompt: prompt);
        var hold = await rig.PendingHoldAsync();
        Assert.DoesNotContain(AnswerSecret, hold.Excerpt, StringComparison.Ordinal);
        Assert.Equal(DecisionError.None, (await rig.DecideAsync(hold.Id, approve)).Error);
        using var response = await send.WaitAsync(s_timeout);
        Assert.Equal(approve ? HttpStatusCode.OK : HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync().WaitAsync(s_timeout);
        Assert.DoesNotContain(AnswerSecret, body, StringComparison.Ordinal);
    }

    private static void AssertNoSecret(Dictionary<string, byte[]> outputs)
    {
        foreach (var secret in new[] { PromptSecret, AnswerSecret })
        {
            foreach (var needle in new[] { Encoding.UTF8.GetBytes(secret), Encoding.Unicode.GetBytes(secret) })
            {
                foreach (var (name, bytes) in outputs)
                {
                    Assert.True(bytes.AsSpan().IndexOf(needle) < 0, $"{name} contains a planted secret");
                }
            }
        }
    }

    private static int CountLines(HttpTestReceiver receiver)
    {
        var n = 0;
        foreach (var request in receiver.Requests)
        {
            n += request.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        }

        return n;
    }

    private static byte[] Concat(IReadOnlyList<ReceivedRequest> requests)
    {
        var all = new MemoryStream();
        foreach (var request in requests)
        {
            all.Write(request.Body);
            all.WriteByte((byte)'\n');
        }

        return all.ToArray();
    }

    // The store may hold the file open; share it.
    private static async Task<byte[]> ReadAllAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer).WaitAsync(s_timeout);
        return buffer.ToArray();
    }
}
