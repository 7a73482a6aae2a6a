using System.Net;
using System.Text.Json;
using Hush.ExtProc.Approvals;
using Hush.ExtProc.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Hush.ExtProc.Tests.Approvals;

/// <summary>Inline holds through the emulated Envoy: approve releases the masked answer, deny refuses it, before and after the headers.</summary>
public sealed class InlineHoldTests
{
    private static readonly TimeSpan s_timeout = HoldRig.Timeout;

    [Fact]
    public async Task BeforeHeaders_Approval_ReleasesWholeMaskedAnswer()
    {
        await using var rig = await HoldRig.StartAsync(beforeHeaders: true, hushArgs: ["--Hush:Holds:InlineWindow=00:00:50"]);
        rig.Mock.Scripts.Default = HoldRig.HeldScript();
        using var client = new HttpClient { Timeout = s_timeout };
        var send = rig.SendChatAsync(client, "ci-bot");
        var hold = await rig.PendingHoldAsync();

        // Nothing (not even the headers) has reached the client while the hold waits, past Envoy's message_timeout.
        await Task.Delay(HoldRig.MessageTimeout + TimeSpan.FromSeconds(1));
        Assert.False(send.IsCompleted);
        Assert.Contains(HeldExcerpt.Open + "aws iam create-user", hold.Excerpt, StringComparison.Ordinal);
        Assert.DoesNotContain(HoldRig.Secret, hold.Excerpt, StringComparison.Ordinal);
        Assert.Contains(hold.Rules, r => r.Rule == "aws-iam-mutation-cli" && r.Approvers.Contains("security"));
        Assert.Equal("ci-bot", hold.Requester?.Subject);
        Assert.Equal("gpt-4o-mini", hold.Model);

        Assert.Equal(DecisionError.None, (await rig.DecideAsync(hold.Id, approve: true)).Error);
        using var response = await send.WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync().WaitAsync(s_timeout);
        Assert.Equal(HoldRig.ApprovedText, SseText.Text(body));
        Assert.DoesNotContain(HoldRig.Secret, body, StringComparison.Ordinal);

        var after = await rig.Approvals.GetAsync(hold.Id).WaitAsync(s_timeout);
        Assert.Equal(HoldStatus.Approved, after!.Status);
        Assert.NotNull(after.ReleasedAt);
        Assert.Equal(0, rig.Front.Counters.MessageTimeouts);
    }

    [Theory]
    [InlineData("/v1/chat/completions")]
    [InlineData("/v1/messages")]
    public async Task BeforeHeaders_Denial_Is403InTheProvidersShape(string path)
    {
        await using var rig = await HoldRig.StartAsync(beforeHeaders: true);
        rig.Mock.Scripts.Default = HoldRig.HeldScript();
        using var client = new HttpClient { Timeout = s_timeout };
        var send = rig.SendChatAsync(client, "ci-bot", path: path);
        var hold = await rig.PendingHoldAsync();
        Assert.Equal(DecisionError.None, (await rig.DecideAsync(hold.Id, approve: false)).Error);

        using var response = await send.WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync().WaitAsync(s_timeout);
        Assert.DoesNotContain("create-user", body, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body);
        var error = json.RootElement.GetProperty("error");
        Assert.Equal("hush_denied", error.GetProperty("type").GetString());
        Assert.Equal(hold.Id, error.GetProperty("hold_id").GetString());
        if (path == "/v1/messages")
        {
            Assert.Equal("error", json.RootElement.GetProperty("type").GetString());
        }
        else
        {
            Assert.Equal("hold_denied", error.GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task HeadersOut_Approval_CompletesTheStream()
    {
        await using var rig = await HoldRig.StartAsync(beforeHeaders: false);
        // Paced like a real model, so Envoy forwards the headers before the body is complete.
        rig.Mock.Scripts.Default = HoldRig.HeldScript(TimeSpan.FromMilliseconds(30));
        using var client = new HttpClient { Timeout = s_timeout };
        using var response = await rig.SendChatAsync(client, "ci-bot").WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = response.Content.ReadAsStringAsync();
        var hold = await rig.PendingHoldAsync();
        await Task.Delay(300);
        Assert.False(read.IsCompleted);

        Assert.Equal(DecisionError.None, (await rig.DecideAsync(hold.Id, approve: true)).Error);
        var body = await read.WaitAsync(s_timeout);
        Assert.Equal(HoldRig.ApprovedText, SseText.Text(body));
        Assert.Null(SseText.LastError(body));
    }

    [Fact]
    public async Task HeadersOut_Denial_EndsInBandWithoutTheHeldText()
    {
        await using var rig = await HoldRig.StartAsync(beforeHeaders: false);
        rig.Mock.Scripts.Default = HoldRig.HeldScript(TimeSpan.FromMilliseconds(30));
        using var client = new HttpClient { Timeout = s_timeout };
        using var response = await rig.SendChatAsync(client, "ci-bot").WaitAsync(s_timeout);
        var read = response.Content.ReadAsStringAsync();
        var hold = await rig.PendingHoldAsync();
        Assert.Equal(DecisionError.None, (await rig.DecideAsync(hold.Id, approve: false)).Error);

        var body = await read.WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("create-user", SseText.Text(body), StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
        var error = SseText.LastError(body);
        Assert.NotNull(error);
        Assert.Equal("hush_denied", error.Value.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Buffered_Denial_Is403AndTheAuditChainRecordsIt()
    {
        await using var rig = await HoldRig.StartAsync(beforeHeaders: false, Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode.Buffered);
        rig.Mock.Scripts.Default = HoldRig.HeldScript();
        using var client = new HttpClient { Timeout = s_timeout };
        var send = rig.SendChatAsync(client, "ci-bot", stream: false);
        var hold = await rig.PendingHoldAsync();
        Assert.Equal(DecisionError.None, (await rig.DecideAsync(hold.Id, approve: false)).Error);
        using var response = await send.WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);

        var store = rig.Hush.App.Services.GetRequiredService<IAuditStore>();
        var records = new List<AuditRecord>();
        await Support.Eventually.TrueAsync(async () => (records = await Support.AuditQueries.Collect(store, AuditFilter.All)).Count >= 2, 30);
        Assert.Contains(records, r => r.Verdict == AuditVerdict.Denied && r.HoldId == hold.Id && r.Approver == "alice@acme");
        var exchange = Assert.Single(records, r => r.MaskedResponse is not null || r.MaskedRequest is not null);
        Assert.Equal(AuditVerdict.Denied, exchange.Verdict);
        Assert.Equal("ci-bot", exchange.Subject);
        Assert.Contains(exchange.RuleHits, h => h.Rule == "aws-iam-mutation-cli");
        Assert.True((await store.VerifyAsync().WaitAsync(s_timeout)).Intact);
    }
}
