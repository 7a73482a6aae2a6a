using System.Net;
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

        // The poll interval (30 s) is far beyond this wait: only the NOTIFY from the other replica can wake the stream.
        var decision = await otherSide.DecideAsync(hold.Id, new ApproverIdentity("alice@acme", null, ["security"]), approve: true,
            "reviewed on replica two", null).WaitAsync(s_timeout);
        Assert.Equal(DecisionError.None, decision.Error);
        using var response = await send.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HoldRig.ApprovedText, SseText.Text(await response.Content.ReadAsStringAsync().WaitAsync(s_timeout)));

        // One chain across both replicas: the exchange (first) and the decision (second) records, verified from either side.
        var store = second.App.Services.GetRequiredService<IAuditStore>();
        var verdicts = new List<AuditVerdict>();
        await Eventually.TrueAsync(async () =>
        {
            verdicts.Clear();
            await foreach (var record in store.QueryAsync(new AuditFilter { Subject = "ci-bot" }))
            {
                verdicts.Add(record.Verdict);
            }

            return verdicts.Count >= 2;
        }, 30);
        Assert.Equal(2, verdicts.Count(v => v == AuditVerdict.Approved));
        Assert.True((await first.Hush.App.Services.GetRequiredService<IAuditStore>().VerifyAsync().WaitAsync(s_timeout)).Intact);

        // The admin command proves the shared chain too.
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(0, await AuditCommand.RunAsync(["verify", "--postgres", connection], stdout, stderr).WaitAsync(s_timeout));
        Assert.StartsWith("audit chain intact:", stdout.ToString(), StringComparison.Ordinal);
    }
}
