using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hush.EnvoyEmulator.JwtAuthn;
using Hush.ExtProc.Approvals;
using Hush.ExtProc.Audit;
using Hush.ExtProc.Tests.Postgres;
using Hush.ExtProc.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Hush.ExtProc.Tests.Approvals;

/// <summary>
/// Two Hush replicas sharing a real PostgreSQL server: a hold raised on one is approved through the other and the
/// first resumes (LISTEN/NOTIFY), and both append to one verifiable audit chain.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReplicaHoldTests(PostgresServerFixture postgres)
{
    private static readonly TimeSpan s_timeout = HoldRig.Timeout;

    [Fact]
    public async Task HoldRaisedInOneProcess_ApprovedThroughTheOtherProcessApi_FirstResumes()
    {
        var connection = await postgres.CreateDatabaseAsync().WaitAsync(s_timeout);
        using var key = RSA.Create(2048);
        var publicKey = key.ExportParameters(false);
        var kid = JwtMinter.KidOf(publicKey);
        string[] shared = ["--Hush:Storage=postgres", $"--Hush:Postgres:ConnectionString={connection}",
            "--Hush:Holds:InlineWindow=00:00:50", "--Hush:Holds:PollInterval=00:00:30", "--Hush:Holds:MaxMessageTimeout=00:05:00"];
        await using var first = await HoldRig.StartAsync(beforeHeaders: true, hushArgs: shared);
        var policy = Path.Combine(first.Hush.Folder, "policy.hushpolicy");
        await using var second = await HushProcess.StartAsync(policy, [.. shared, $"--Hush:Auth:Jwks={Jwks.ToJson(publicKey, kid)}",
            "--Hush:Auth:Issuer=https://idp.test/", "--Hush:Auth:Audiences:0=hush-admin"]);
        first.Mock.Scripts.Default = HoldRig.HeldScript();
        using var client = new HttpClient { Timeout = s_timeout };
        var approver = JwtMinter.Mint(key, kid, JwtMinter.Claims("https://idp.test/", "hush-admin", "alice@acme", DateTimeOffset.UtcNow,
            TimeSpan.FromHours(1), new Dictionary<string, object?> { ["groups"] = new[] { "security" } }));
        using var admin = new HttpClient { BaseAddress = second.AdminAddress, Timeout = s_timeout };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", approver);

        var send = first.SendChatAsync(client, "ci-bot");
        string? id = null;
        await Eventually.TrueAsync(async () =>
        {
            using var list = JsonDocument.Parse(await admin.GetStringAsync("/api/holds?status=pending"));
            var holds = list.RootElement.GetProperty("holds");
            id = holds.GetArrayLength() == 1 ? holds[0].GetProperty("id").GetString() : null;
            return id is not null;
        }, 60);

        // Poll interval 30 s: only the NOTIFY sent by the other process's decision can wake the stream in time.
        using var decision = await admin.PostAsync($"/api/holds/{id}/approve",
            new StringContent("{\"justification\":\"reviewed on replica two\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
        using var response = await send.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HoldRig.ApprovedText, SseText.Text(await response.Content.ReadAsStringAsync().WaitAsync(s_timeout)));
    }

    [Fact]
    public async Task HoldRaisedOnOneReplica_ApprovedThroughTheOther_FirstResumes()
    {
        var connection = await postgres.CreateDatabaseAsync().WaitAsync(s_timeout);
        string[] shared = ["--Hush:Storage=postgres", $"--Hush:Postgres:ConnectionString={connection}",
            "--Hush:Holds:InlineWindow=00:00:50", "--Hush:Holds:PollInterval=00:00:30"];
        await using var first = await HoldRig.StartAsync(beforeHeaders: true, hushArgs: shared);
        await using var second = await HushTestServer.StartAsync(RepoPaths.DefaultPolicy, ["--Hush:Holds:MaxMessageTimeout=00:05:00", .. shared]);
        first.Mock.Scripts.Default = HoldRig.HeldScript();
        using var client = new HttpClient { Timeout = s_timeout };

        var send = first.SendChatAsync(client, "ci-bot");
        var otherSide = second.App.Services.GetRequiredService<ApprovalService>();
        HoldRecord? hold = null;
        await Eventually.TrueAsync(async () =>
        {
            var pending = await otherSide.ListAsync(HoldStatus.Pending, 10);
            hold = pending.Count == 1 ? pending[0] : null;
            return hold is not null;
        }, 60);
        Assert.Equal(Environment.MachineName, hold!.Instance);
        Assert.Equal(1, await otherSide.Store.CountAsync(HoldStatus.Pending).WaitAsync(s_timeout));

        // The poll interval (30 s) is far beyond this wait: only the NOTIFY from the other replica can wake the stream.
        var decision = await otherSide.DecideAsync(hold.Id, new ApproverIdentity("alice@acme", null, ["security"]), approve: true,
            "reviewed on replica two", null).WaitAsync(s_timeout);
        Assert.Equal(DecisionError.None, decision.Error);
        using var response = await send.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HoldRig.ApprovedText, SseText.Text(await response.Content.ReadAsStringAsync().WaitAsync(s_timeout)));
        Assert.Equal(0, await otherSide.Store.CountAsync(HoldStatus.Pending).WaitAsync(s_timeout));
        Assert.Equal(1, await otherSide.Store.CountAsync(HoldStatus.Approved).WaitAsync(s_timeout));

        // One chain across both replicas: the exchange (first) and the decision (second) records, verified from either side.
        var store = second.App.Services.GetRequiredService<IAuditStore>();
        var records = new List<AuditRecord>();
        await Eventually.TrueAsync(async () => (records = await AuditQueries.Collect(store, new AuditFilter { Subject = "ci-bot" })).Count >= 2, 30);
        Assert.Equal(2, records.Count(r => r.Verdict == AuditVerdict.Approved));
        Assert.True((await first.Hush.App.Services.GetRequiredService<IAuditStore>().VerifyAsync().WaitAsync(s_timeout)).Intact);

        // The admin command proves the shared chain too.
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(0, await AuditCommand.RunAsync(["verify", "--postgres", connection], stdout, stderr).WaitAsync(s_timeout));
        Assert.StartsWith("audit chain intact:", stdout.ToString(), StringComparison.Ordinal);
    }
}
