using Envoy.Service.ExtProc.V3;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hush.EnvoyEmulator.Exchange;
using Hush.EnvoyEmulator.Filter;
using Microsoft.Extensions.Time.Testing;
using Kind = Envoy.Service.ExtProc.V3.ProcessingRequest.RequestOneofCase;

namespace Hush.ExtProc.Tests.EnvoyEmulator;

public sealed class FailureTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task NonOkStatus_BeforeResponseHeaders_IsLocalReply500WithDetails()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ExpectAsync(Kind.RequestHeaders);
            throw new RpcException(new Status(StatusCode.PermissionDenied, "no way"));
        });
        var script = new ExchangeScript { RequestHeaders = HttpHeaderList.Request("GET", "/") };

        var result = await EmulatedExchange.RunAsync(server.Channel, Modes.Config(), script).WaitAsync(s_timeout);

        Assert.Equal(500, result.Downstream.Status);
        Assert.Equal("ext_proc_error_gRPC_error_7{no_way}", result.Downstream.Details);
        Assert.Null(result.Upstream.Headers);
        Assert.Equal(1, result.Counters.StreamsFailed);
    }

    [Fact]
    public async Task NonOkStatus_AfterResponseHeadersReleased_ResetsStream()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ContinueAsync(await s.ExpectAsync(Kind.RequestHeaders));
            await s.ContinueAsync(await s.ExpectAsync(Kind.ResponseHeaders));
            await s.ExpectAsync(Kind.ResponseBody);
            throw new RpcException(new Status(StatusCode.Internal, "boom"));
        });
        var script = new ExchangeScript
        {
            RequestHeaders = HttpHeaderList.Request("GET", "/"),
            ResponseBody = [ScriptChunk.Text("secret-chunk", waitForAnswersBefore: true), ScriptChunk.Text("more")],
        };

        var result = await EmulatedExchange.RunAsync(server.Channel, Modes.StreamedResponse(), script).WaitAsync(s_timeout);

        Assert.True(result.Downstream.Reset);
        Assert.Equal(200, result.Downstream.Status);
        Assert.Empty(result.Downstream.Body);
    }

    [Fact]
    public async Task NonOkStatus_WhileResponseHeadersHeldForWholeBody_IsLocalReply()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ContinueAsync(await s.ExpectAsync(Kind.RequestHeaders));
            await s.ContinueAsync(await s.ExpectAsync(Kind.ResponseHeaders));
            await s.ExpectAsync(Kind.ResponseBody);
            throw new RpcException(new Status(StatusCode.Internal, "boom"));
        });

        // The whole body arrives before the headers answer: headers stay held, so the error is a clean 500.
        var script = new ExchangeScript
        {
            RequestHeaders = HttpHeaderList.Request("GET", "/"),
            ResponseBody = [ScriptChunk.Text("secret-chunk")],
        };

        var result = await EmulatedExchange.RunAsync(server.Channel, Modes.StreamedResponse(), script).WaitAsync(s_timeout);

        Assert.False(result.Downstream.Reset);
        Assert.Equal(500, result.Downstream.Status);
        Assert.DoesNotContain("secret", result.Downstream.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessageTimeout_Expires_Is504()
    {
        var time = new FakeTimeProvider();
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ExpectAsync(Kind.RequestHeaders);
            seen.SetResult();
            await s.WaitForEndAsync();
        });
        var config = new ExtProcFilterConfig { MessageTimeout = TimeSpan.FromSeconds(2) };
        await using var h = new FilterHarness(server, config, time);
        await h.Step(h.Filter.DecodeHeadersAsync(HttpHeaderList.Request("GET", "/"), endOfStream: true));
        await h.Step(seen.Task);

        time.Advance(TimeSpan.FromMilliseconds(1999));
        await h.Step(h.Filter.WhenIdleAsync(TrafficDirection.Response));
        Assert.Null(h.Downstream.LocalReply);

        time.Advance(TimeSpan.FromMilliseconds(1));
        await h.Step(h.Output.Ended.Task);
        Assert.Equal(504, h.Downstream.Status);
        Assert.Equal("ext_proc_error_per-message_timeout_exceeded", h.Downstream.Details);
        Assert.Equal(1, h.Filter.Counters.MessageTimeouts);
    }

    [Fact]
    public async Task MessageTimeout_WithFailureModeAllow_ContinuesUnprocessed()
    {
        var time = new FakeTimeProvider();
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ExpectAsync(Kind.RequestHeaders);
            seen.SetResult();
            await s.WaitForEndAsync();
        });
        var config = new ExtProcFilterConfig { MessageTimeout = TimeSpan.FromSeconds(1), FailureModeAllow = true };
        await using var h = new FilterHarness(server, config, time);
        await h.Step(h.Filter.DecodeHeadersAsync(HttpHeaderList.Request("GET", "/"), endOfStream: true));
        await h.Step(seen.Task);
        time.Advance(TimeSpan.FromSeconds(1));
        await h.Step(h.Output.UpstreamComplete.Task);
        await h.Step(h.Filter.EncodeHeadersAsync(HttpHeaderList.Response(200), endOfStream: false));
        await h.Step(h.Filter.EncodeDataAsync("raw"u8.ToArray(), endOfStream: true));
        await h.Completion();

        Assert.Equal("raw", h.Downstream.BodyText);
        Assert.Equal(1, h.Filter.Counters.FailureModeAllowed);
        Assert.Null(h.Downstream.LocalReply);
    }

    [Fact]
    public async Task OverrideMessageTimeout_AcceptedOncePerMessage_SecondIgnored()
    {
        var time = new FakeTimeProvider();
        var overridesSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ExpectAsync(Kind.RequestHeaders);
            await s.SendAsync(new ProcessingResponse { OverrideMessageTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(60)) });
            await s.SendAsync(new ProcessingResponse { OverrideMessageTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(90)) });
            overridesSent.SetResult();
            await s.WaitForEndAsync();
        });
        var config = new ExtProcFilterConfig { MessageTimeout = TimeSpan.FromSeconds(2), MaxMessageTimeout = TimeSpan.FromSeconds(100) };
        await using var h = new FilterHarness(server, config, time);
        await h.Step(h.Filter.DecodeHeadersAsync(HttpHeaderList.Request("GET", "/"), endOfStream: true));
        await h.Step(overridesSent.Task);
        await WaitForCountAsync(() => h.Filter.Counters.OverrideMessageTimeoutReceived, 2);

        // The filter counts an override as received before it decides to ignore it: wait for the decision too.
        await WaitForCountAsync(() => h.Filter.Counters.OverrideMessageTimeoutIgnored, 1);
        Assert.Equal(1, h.Filter.Counters.OverrideMessageTimeoutIgnored);
        time.Advance(TimeSpan.FromSeconds(59));
        await h.Step(h.Filter.WhenIdleAsync(TrafficDirection.Response));
        Assert.Null(h.Downstream.LocalReply);
        time.Advance(TimeSpan.FromSeconds(1));
        await h.Step(h.Output.Ended.Task);
        Assert.Equal(504, h.Downstream.Status);
    }

    [Fact]
    public async Task OverrideMessageTimeout_AboveMax_IsIgnored()
    {
        var time = new FakeTimeProvider();
        var overrideSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ExpectAsync(Kind.RequestHeaders);
            await s.SendAsync(new ProcessingResponse { OverrideMessageTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(30)) });
            overrideSent.SetResult();
            await s.WaitForEndAsync();
        });
        var config = new ExtProcFilterConfig { MessageTimeout = TimeSpan.FromSeconds(2), MaxMessageTimeout = TimeSpan.FromSeconds(10) };
        await using var h = new FilterHarness(server, config, time);
        await h.Step(h.Filter.DecodeHeadersAsync(HttpHeaderList.Request("GET", "/"), endOfStream: true));
        await h.Step(overrideSent.Task);
        await WaitForCountAsync(() => h.Filter.Counters.OverrideMessageTimeoutIgnored, 1);

        time.Advance(TimeSpan.FromSeconds(2));
        await h.Step(h.Output.Ended.Task);
        Assert.Equal(504, h.Downstream.Status);
    }

    [Fact]
    public async Task ResponseWithoutOneof_IsSpurious500()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ExpectAsync(Kind.RequestHeaders);
            await s.SendAsync(new ProcessingResponse());
            await s.WaitForEndAsync();
        });
        var script = new ExchangeScript { RequestHeaders = HttpHeaderList.Request("GET", "/") };

        var result = await EmulatedExchange.RunAsync(server.Channel, Modes.Config(), script).WaitAsync(s_timeout);

        Assert.Equal(500, result.Downstream.Status);
        Assert.StartsWith("ext_proc_error_gRPC_error_9", result.Downstream.Details, StringComparison.Ordinal);
        Assert.Equal(1, result.Counters.SpuriousMsgsReceived);
        Assert.Null(result.Upstream.Headers);
    }

    [Fact]
    public async Task StreamedResponseOutsideFullDuplex_IsSpurious()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ContinueAsync(await s.ExpectAsync(Kind.RequestHeaders));
            await s.ExpectAsync(Kind.RequestBody);
            await s.SendAsync(new ProcessingResponse
            {
                RequestBody = new BodyResponse { Response = new CommonResponse { BodyMutation = new BodyMutation { StreamedResponse = new StreamedBodyResponse() } } },
            });
            await s.WaitForEndAsync();
        });
        var config = Modes.Config(Modes.Mode(requestBody: Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode.Streamed));
        var script = new ExchangeScript { RequestHeaders = HttpHeaderList.Request("POST", "/"), RequestBody = [ScriptChunk.Text("x", waitForAnswersBefore: true)] };

        var result = await EmulatedExchange.RunAsync(server.Channel, config, script).WaitAsync(s_timeout);

        Assert.Equal(500, result.Downstream.Status);
        Assert.Equal(1, result.Counters.SpuriousMsgsReceived);
    }

    private static async Task WaitForCountAsync(Func<long> counter, long expected)
    {
        using var cts = new CancellationTokenSource(s_timeout);
        while (counter() < expected)
        {
            await Task.Delay(10, cts.Token);
        }
    }
}
