using System.Text;
using Envoy.Service.ExtProc.V3;
using Grpc.Core;
using Hush.ExtProc.Tests.Support;
using static Hush.ExtProc.Tests.Support.Messages;

namespace Hush.ExtProc.Tests.Service;

public sealed class ExternalProcessorServiceTests
{
    [Fact]
    public async Task Stream_OverRealSocket_SecretMaskedAndCallEndsOkAfterHalfClose()
    {
        await using var server = await HushTestServer.StartAsync(TestPolicies.GoldenBytes);
        using var call = new ExtProcCall(server.Channel);
        Assert.Equal(ProcessingResponse.ResponseOneofCase.RequestHeaders, (await call.ExchangeAsync(RequestHeaders())).ResponseCase);
        Assert.Equal(ProcessingResponse.ResponseOneofCase.ResponseHeaders, (await call.ExchangeAsync(ResponseHeaders())).ResponseCase);

        // Pipelined like Envoy: every chunk is sent before any answer is read; answers come back in order.
        string[] chunks = ["data: x ", TestPolicies.AwsKey[..9], TestPolicies.AwsKey[9..] + "\n\n", "data: [DONE]\n\n"];
        foreach (var (chunk, i) in chunks.Select((c, i) => (c, i)))
        {
            await call.SendAsync(ResponseBody(chunk, endOfStream: i == chunks.Length - 1));
        }

        var released = new StringBuilder();
        foreach (var chunk in chunks)
        {
            var answer = await call.ReceiveAsync();
            Assert.Equal(ProcessingResponse.ResponseOneofCase.ResponseBody, answer.ResponseCase);
            released.Append(Encoding.UTF8.GetString(Released(answer.ResponseBody, Encoding.UTF8.GetBytes(chunk))));
        }

        Assert.Equal($"data: x {TestPolicies.AwsMasked}\n\ndata: [DONE]\n\n", released.ToString());
        Assert.Equal(StatusCode.OK, (await call.CompleteAsync()).StatusCode);
    }

    [Fact]
    public async Task ProtocolViolation_CallEndsWithFailedPreconditionAndIsCounted()
    {
        await using var server = await HushTestServer.StartAsync(TestPolicies.GoldenBytes);
        var before = MetricsScrape.Value(await MetricsScrape.ScrapeAsync(server.Admin), "hush_errors_total{kind=\"protocol\"}");
        using var call = new ExtProcCall(server.Channel);
        await call.ExchangeAsync(RequestHeaders());
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ExchangeAsync(ResponseBody("body before headers")));
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("before response_headers", error.Status.Detail, StringComparison.Ordinal);
        var after = MetricsScrape.Value(await MetricsScrape.ScrapeAsync(server.Admin), "hush_errors_total{kind=\"protocol\"}");
        Assert.True(after >= before + 1, $"protocol errors {before} -> {after}");
    }

    [Fact]
    public async Task EmptyMessage_CallEndsWithError()
    {
        await using var server = await HushTestServer.StartAsync(TestPolicies.GoldenBytes);
        using var call = new ExtProcCall(server.Channel);
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ExchangeAsync(new ProcessingRequest()));
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
    }

    [Fact]
    public async Task ConcurrentStreamLimit_ExtraStreamRefusedWithResourceExhausted()
    {
        await using var server = await HushTestServer.StartAsync(TestPolicies.GoldenBytes, "--Hush:MaxConcurrentStreams=1");
        using var first = new ExtProcCall(server.Channel);
        await first.ExchangeAsync(RequestHeaders());
        using (var second = new ExtProcCall(server.Channel))
        {
            Assert.Equal(StatusCode.ResourceExhausted, (await second.RefusedAsync(RequestHeaders())).StatusCode);
        }

        Assert.Equal(StatusCode.OK, (await first.CompleteAsync()).StatusCode);
        using var third = new ExtProcCall(server.Channel);
        Assert.Equal(ProcessingResponse.ResponseOneofCase.RequestHeaders, (await third.ExchangeAsync(RequestHeaders())).ResponseCase);
    }

    [Fact]
    public async Task EnvoyResetsStream_TreatedAsNormalEndAndSlotFreed()
    {
        await using var server = await HushTestServer.StartAsync(TestPolicies.GoldenBytes, "--Hush:MaxConcurrentStreams=1");
        using (var cts = new CancellationTokenSource())
        {
            using var call = new ExtProcCall(server.Channel, cts.Token);
            await call.ExchangeAsync(RequestHeaders());
            await call.ExchangeAsync(ResponseHeaders());
            await call.ExchangeAsync(ResponseBody("data: partial " + TestPolicies.AwsKey[..6]));
            await cts.CancelAsync();
        }

        await Eventually.TrueAsync(async () =>
            MetricsScrape.Value(await MetricsScrape.ScrapeAsync(server.Admin), "hush_extproc_active_streams") == 0);
        using var next = new ExtProcCall(server.Channel);
        Assert.Equal(ProcessingResponse.ResponseOneofCase.RequestHeaders, (await next.ExchangeAsync(RequestHeaders())).ResponseCase);
    }

    [Fact]
    public async Task Metrics_ScrapedOverHttp_SeriesMoveWithTraffic()
    {
        await using var server = await HushTestServer.StartAsync(TestPolicies.GoldenBytes);
        var before = await MetricsScrape.ScrapeAsync(server.Admin);
        using (var call = new ExtProcCall(server.Channel))
        {
            await call.ExchangeAsync(RequestHeaders());
            await call.ExchangeAsync(ResponseHeaders());
            await call.ExchangeAsync(ResponseBody($"data: {TestPolicies.AwsKey} and more\n\n"));
            await call.ExchangeAsync(ResponseBody("data: [DONE]\n\n", endOfStream: true));
            Assert.Equal(StatusCode.OK, (await call.CompleteAsync()).StatusCode);
        }

        string after = "";
        await Eventually.TrueAsync(async () =>
        {
            after = await MetricsScrape.ScrapeAsync(server.Admin);
            return MetricsScrape.Value(after, "hush_extproc_streams_total{outcome=\"completed\"}")
                > MetricsScrape.Value(before, "hush_extproc_streams_total{outcome=\"completed\"}");
        });
        string[] moved =
        [
            "hush_extproc_messages_total{phase=\"response_body\"}",
            "hush_extproc_message_duration_seconds_count{phase=\"response_body\"}",
            "hush_scanned_bytes_total{direction=\"response\"}",
            "hush_masks_total{rule=\"aws-access-key-id\"}",
            "hush_held_back_bytes_count",
        ];
        foreach (var series in moved)
        {
            Assert.True(MetricsScrape.Value(after, series) > MetricsScrape.Value(before, series), series);
        }

        Assert.Contains("hush_policy_info{name=\"golden\",version=\"1\",sha256=\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain(TestPolicies.AwsKey, after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_GcPauseSeries_FollowsTheRuntimesPauseTotal()
    {
        await using var server = await HushTestServer.StartAsync(TestPolicies.GoldenBytes);
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        var before = GC.GetTotalPauseDuration().TotalSeconds;
        var scraped = MetricsScrape.Value(await MetricsScrape.ScrapeAsync(server.Admin), "dotnet_gc_pause_seconds_total");
        var after = GC.GetTotalPauseDuration().TotalSeconds;

        Assert.True(before > 0, "a forced collection pauses the process");
        Assert.InRange(scraped, before, after);
    }
}
