using System.Net;
using System.Text.Json;
using Envoy.Service.ExtProc.V3;
using Grpc.Core;
using Hush.ExtProc.Approvals;
using Hush.ExtProc.Audit;
using Hush.ExtProc.Tests.Sinks;
using Hush.ExtProc.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Hush.ExtProc.Tests.Support.Messages;

namespace Hush.ExtProc.Tests.Approvals;

/// <summary>Faults around holds and the audit trail: an unreachable audit store fails closed; a dead webhook never delays the data path.</summary>
public sealed class FaultTests
{
    private static readonly TimeSpan s_timeout = HoldRig.Timeout;

    [Fact]
    public async Task AuditStoreUnavailable_NextExchangeRefusedWith503_AndCounted()
    {
        var failing = new FailingAuditStore();
        await using var server = await HushTestServer.StartAsync(TestPolicies.GoldenBytes,
            services => services.AddSingleton<IAuditStore>(failing));

        // The first exchange runs (the store looked healthy); its record cannot be stored.
        await RunExchangeAsync(server);
        await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref failing.Attempts) > 0), 30);

        using var call = new ExtProcCall(server.Channel);
        var answer = await call.ExchangeAsync(RequestHeaders());
        Assert.Equal(ProcessingResponse.ResponseOneofCase.ImmediateResponse, answer.ResponseCase);
        Assert.Equal(503, (int)answer.ImmediateResponse.Status.Code);
        using var json = JsonDocument.Parse(answer.ImmediateResponse.Body.ToStringUtf8());
        Assert.Equal("hush_audit_unavailable", json.RootElement.GetProperty("error").GetProperty("type").GetString());

        var metrics = await MetricsScrape.ScrapeAsync(server.Admin);
        Assert.True(MetricsScrape.Value(metrics, "hush_audit_refused_exchanges_total") >= 1);
        Assert.True(MetricsScrape.Value(metrics, "hush_audit_write_failures_total{reason=\"store_error\"}") >= 1);
    }

    [Fact]
    public async Task AuditStoreUnavailable_FailOpen_ExchangesContinue()
    {
        var failing = new FailingAuditStore();
        await using var server = await HushTestServer.StartAsync(TestPolicies.GoldenBytes,
            services => services.AddSingleton<IAuditStore>(failing), "--Hush:Audit:FailOpen=true");
        await RunExchangeAsync(server);
        await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref failing.Attempts) > 0), 30);
        await RunExchangeAsync(server);
    }

    [Fact]
    public async Task WebhookDown_HoldFlowUnaffected_FailureCountedAndHoldMetricsMove()
    {
        var closedPort = HttpTestReceiver.FreePort();
        await using var rig = await HoldRig.StartAsync(beforeHeaders: true, hushArgs:
        [
            $"--Hush:Notifications:Webhooks:0:Url=http://127.0.0.1:{closedPort}/hook",
            "--Hush:Notifications:InitialBackoff=00:00:00.050", "--Hush:Notifications:MaxAttempts=2",
        ]);
        rig.Mock.Scripts.Default = HoldRig.HeldScript();
        using var client = new HttpClient { Timeout = s_timeout };
        var send = rig.SendChatAsync(client, "ci-bot");
        var hold = await rig.PendingHoldAsync();
        Assert.Equal(1, MetricsScrape.Value(await MetricsScrape.ScrapeAsync(rig.Hush.Admin), "hush_approvals_pending"));
        Assert.Equal(DecisionError.None, (await rig.DecideAsync(hold.Id, approve: true)).Error);
        using var response = await send.WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        string metrics = "";
        await Eventually.TrueAsync(async () =>
        {
            metrics = await MetricsScrape.ScrapeAsync(rig.Hush.Admin);
            return MetricsScrape.Value(metrics, "hush_notifications_failed_total{format=\"json\"}") >= 1
                && MetricsScrape.Value(metrics, "hush_audit_records_written_total") >= 2;
        }, 30);
        Assert.Equal(1, MetricsScrape.Value(metrics, "hush_holds_raised_total"));
        Assert.Equal(1, MetricsScrape.Value(metrics, "hush_approval_decisions_total{decision=\"approved\"}"));
        Assert.Equal(1, MetricsScrape.Value(metrics, "hush_approval_wait_seconds_count"));
        Assert.Equal(1, MetricsScrape.Value(metrics, "hush_held_streams_total{outcome=\"released\"}"));
        Assert.Equal(0, MetricsScrape.Value(metrics, "hush_approvals_pending"));
    }

    [Fact]
    public async Task HoldStoreUnavailable_HeldAnswerRefusedWith503_NothingReleased()
    {
        await using var rig = await HoldRig.StartAsync(beforeHeaders: true, services => services.AddSingleton<IHoldStore>(new FailingHoldStore()));
        rig.Mock.Scripts.Default = HoldRig.HeldScript();
        using var client = new HttpClient { Timeout = s_timeout };
        using var response = await rig.SendChatAsync(client, "ci-bot").WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync().WaitAsync(s_timeout);
        Assert.DoesNotContain("create-user", body, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("hush_hold_unavailable", json.RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    private static async Task RunExchangeAsync(HushTestServer server)
    {
        using var call = new ExtProcCall(server.Channel);
        Assert.Equal(ProcessingResponse.ResponseOneofCase.RequestHeaders, (await call.ExchangeAsync(RequestHeaders())).ResponseCase);
        await call.ExchangeAsync(ResponseHeaders());
        await call.ExchangeAsync(ResponseBody("data: hello\n\n", endOfStream: true));
        Assert.Equal(StatusCode.OK, (await call.CompleteAsync()).StatusCode);
    }
}
