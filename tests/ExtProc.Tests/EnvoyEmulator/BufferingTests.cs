using Hush.EnvoyEmulator.Exchange;
using Hush.EnvoyEmulator.Filter;
using Microsoft.Extensions.Time.Testing;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;
using Kind = Envoy.Service.ExtProc.V3.ProcessingRequest.RequestOneofCase;

namespace Hush.ExtProc.Tests.EnvoyEmulator;

public sealed class BufferingTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Streamed_OverBufferLimit_PausesSenderUntilAnswered()
    {
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ContinueAsync(await s.ExpectAsync(Kind.RequestHeaders));
            await s.ContinueAsync(await s.ExpectAsync(Kind.ResponseHeaders));
            var chunk = await s.ExpectAsync(Kind.ResponseBody);
            await answer.Task.WaitAsync(s_timeout);
            await s.ContinueAsync(chunk);
            await s.ContinueAllAsync();
        });
        var config = new ExtProcFilterConfig { ProcessingMode = Modes.Mode(responseBody: BodyMode.Streamed), BufferLimitBytes = 4, MessageTimeout = Modes.Long };
        await using var h = new FilterHarness(server, config);
        await h.GetThroughAsync();
        await h.Step(h.Filter.EncodeHeadersAsync(HttpHeaderList.Response(200), endOfStream: false));
        await h.Step(h.Filter.WhenIdleAsync(TrafficDirection.Response));
        var feed = h.Filter.EncodeDataAsync("123456"u8.ToArray(), endOfStream: false);
        await h.Step(h.Filter.WhenIdleAsync(TrafficDirection.Request));

        // Watermark: the data call stays pending (flow control), it is not an error.
        Assert.False(feed.IsCompleted);
        answer.SetResult();
        await h.Step(feed);
        await h.Step(h.Filter.EncodeDataAsync("7"u8.ToArray(), endOfStream: true));
        await h.Completion();
        Assert.Equal("1234567", h.Downstream.BodyText);
    }

    [Fact]
    public async Task BufferedPartial_SendsFirstLimitThenRestFlowsUnprocessed()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ContinueAsync(await s.ExpectAsync(Kind.RequestHeaders));
            var body = await s.ExpectAsync(Kind.RequestBody);
            Assert.False(body.RequestBody.EndOfStream);
            await s.SendAsync(Answers.RequestBody(Answers.BodyText(body).ToUpperInvariant()));
            await s.ContinueAllAsync();
        });
        var config = new ExtProcFilterConfig { ProcessingMode = Modes.Mode(requestBody: BodyMode.BufferedPartial), BufferLimitBytes = 4, MessageTimeout = Modes.Long };
        var script = new ExchangeScript
        {
            RequestHeaders = HttpHeaderList.Request("POST", "/"),
            RequestBody = [ScriptChunk.Text("ab", waitForAnswersBefore: true), ScriptChunk.Text("cd"), ScriptChunk.Text("ef", waitForAnswersBefore: true)],
        };

        var result = await EmulatedExchange.RunAsync(server.Channel, config, script).WaitAsync(s_timeout);

        Assert.Single(result.Sent, r => r.RequestCase == Kind.RequestBody);
        Assert.Equal("ABCDef", System.Text.Encoding.UTF8.GetString(result.Upstream.Body));
        Assert.True(result.Upstream.EndOfStream);
    }

    [Fact]
    public async Task MessageTimeout_OnStreamedChunkAfterHeadersReleased_ResetsStream()
    {
        var time = new FakeTimeProvider();
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ContinueAsync(await s.ExpectAsync(Kind.RequestHeaders));
            await s.ContinueAsync(await s.ExpectAsync(Kind.ResponseHeaders));
            await s.ExpectAsync(Kind.ResponseBody);
            seen.SetResult();
            await s.WaitForEndAsync();
        });
        var config = new ExtProcFilterConfig { ProcessingMode = Modes.Mode(responseBody: BodyMode.Streamed), MessageTimeout = TimeSpan.FromSeconds(2) };
        await using var h = new FilterHarness(server, config, time);
        await h.GetThroughAsync();
        await h.Step(h.Filter.EncodeHeadersAsync(HttpHeaderList.Response(200), endOfStream: false));
        await h.Step(h.Filter.WhenIdleAsync(TrafficDirection.Response));
        await h.Step(h.Filter.EncodeDataAsync("held"u8.ToArray(), endOfStream: true));
        await h.Step(seen.Task);
        time.Advance(TimeSpan.FromSeconds(2));
        await h.Step(h.Output.Ended.Task);

        Assert.True(h.Downstream.Reset);
        Assert.Equal("ext_proc_error_per-message_timeout_exceeded", h.Downstream.Details);
        Assert.Empty(h.Downstream.Body);
    }
}
