using Envoy.Service.ExtProc.V3;
using Hush.EnvoyEmulator.Exchange;
using Hush.EnvoyEmulator.Filter;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;
using HeaderMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.HeaderSendMode;
using Kind = Envoy.Service.ExtProc.V3.ProcessingRequest.RequestOneofCase;

namespace Hush.ExtProc.Tests.EnvoyEmulator;

public sealed class OrderingTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task DefaultModes_GetSendsOnlyHeadersWithProtocolConfigOnce()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(s => s.ContinueAllAsync());
        var script = new ExchangeScript
        {
            RequestHeaders = HttpHeaderList.Request("GET", "/v1/models"),
            ResponseBody = [ScriptChunk.Text("hello")],
        };

        var result = await EmulatedExchange.RunAsync(server.Channel, Modes.Config(), script).WaitAsync(s_timeout);

        Assert.True(result.Completed);
        Assert.Equal([Kind.RequestHeaders, Kind.ResponseHeaders], result.SentKinds);
        Assert.True(result.Sent[0].RequestHeaders.EndOfStream);
        Assert.False(result.Sent[1].ResponseHeaders.EndOfStream);
        Assert.NotNull(result.Sent[0].ProtocolConfig);
        Assert.Null(result.Sent[1].ProtocolConfig);
        Assert.All(result.Sent, r => Assert.NotNull(r.MetadataContext));
        Assert.Equal("hello", result.Downstream.BodyText);
        Assert.Equal(200, result.Downstream.Status);
        Assert.True(result.Upstream.EndOfStream);
    }

    [Fact]
    public async Task AllSixMessages_SentInOrderPerDirection()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(s => s.ContinueAllAsync());
        var config = Modes.Config(Modes.Mode(BodyMode.Buffered, BodyMode.Buffered, HeaderMode.Send, HeaderMode.Send));
        var script = new ExchangeScript
        {
            RequestHeaders = HttpHeaderList.Request("POST", "/v1/chat/completions"),
            RequestBody = [ScriptChunk.Text("{\"a\":"), ScriptChunk.Text("1}")],
            RequestTrailers = new HttpHeaderList().Add("x-req-trailer", "1"),
            ResponseBody = [ScriptChunk.Text("ok")],
            ResponseTrailers = new HttpHeaderList().Add("x-resp-trailer", "2"),
        };

        var result = await EmulatedExchange.RunAsync(server.Channel, config, script).WaitAsync(s_timeout);

        Assert.True(result.Completed);
        Assert.Equal(
            [Kind.RequestHeaders, Kind.RequestBody, Kind.RequestTrailers, Kind.ResponseHeaders, Kind.ResponseBody, Kind.ResponseTrailers],
            result.SentKinds);

        // With trailers the single buffered body goes with end_of_stream=false (§2.3).
        Assert.False(result.Sent[1].RequestBody.EndOfStream);
        Assert.Equal("{\"a\":1}", result.Sent[1].RequestBody.Body.ToStringUtf8());
        Assert.Equal("1", result.Upstream.Trailers!.Get("x-req-trailer"));
        Assert.Equal("2", result.Downstream.Trailers!.Get("x-resp-trailer"));
        Assert.Equal("ok", result.Downstream.BodyText);
    }

    [Fact]
    public async Task PostWithEmptyBody_SendsOneEmptyEndOfStreamBodyMessage()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(s => s.ContinueAllAsync());
        var config = Modes.Config(Modes.Mode(requestBody: BodyMode.Buffered));
        var script = new ExchangeScript
        {
            RequestHeaders = HttpHeaderList.Request("POST", "/v1/x"),
            RequestBody = [ScriptChunk.Empty()],
        };

        var result = await EmulatedExchange.RunAsync(server.Channel, config, script).WaitAsync(s_timeout);

        Assert.Equal([Kind.RequestHeaders, Kind.RequestBody, Kind.ResponseHeaders], result.SentKinds);
        Assert.True(result.Sent[1].RequestBody.EndOfStream);
        Assert.True(result.Sent[1].RequestBody.Body.IsEmpty);
    }

    [Fact]
    public async Task TrailerModeSend_WithoutTrailers_SendsNoTrailersMessage()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(s => s.ContinueAllAsync());
        var config = Modes.Config(Modes.Mode(responseBody: BodyMode.Streamed, responseTrailers: HeaderMode.Send));
        var script = new ExchangeScript
        {
            RequestHeaders = HttpHeaderList.Request("GET", "/"),
            ResponseBody = [ScriptChunk.Text("a"), ScriptChunk.Text("b")],
        };

        var result = await EmulatedExchange.RunAsync(server.Channel, config, script).WaitAsync(s_timeout);

        Assert.DoesNotContain(Kind.ResponseTrailers, result.SentKinds);
        Assert.Equal("ab", result.Downstream.BodyText);
    }

    [Fact]
    public async Task DataBeforeHeadersAnswer_IsCoalescedIntoOneChunk()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ContinueAsync(await s.ExpectAsync(Kind.RequestHeaders));
            var headers = await s.ExpectAsync(Kind.ResponseHeaders);
            await release.Task.WaitAsync(s_timeout);
            await s.ContinueAsync(headers);
            await s.ContinueAllAsync();
        });
        await using var h = new FilterHarness(server, Modes.StreamedResponse());
        await h.GetThroughAsync();
        await h.Step(h.Filter.EncodeHeadersAsync(HttpHeaderList.Response(200), endOfStream: false));
        await h.Step(h.Filter.EncodeDataAsync("a"u8.ToArray(), endOfStream: false));
        await h.Step(h.Filter.EncodeDataAsync("b"u8.ToArray(), endOfStream: false));
        release.SetResult();
        await h.Step(h.Filter.WhenIdleAsync(TrafficDirection.Response));
        await h.Step(h.Filter.EncodeDataAsync("c"u8.ToArray(), endOfStream: true));
        await h.Completion();

        var bodies = h.Filter.Transcript.Sent.Where(r => r.RequestCase == Kind.ResponseBody).Select(r => r.ResponseBody).ToList();
        Assert.Equal(2, bodies.Count);
        Assert.Equal("ab", bodies[0].Body.ToStringUtf8());
        Assert.False(bodies[0].EndOfStream);
        Assert.Equal("c", bodies[1].Body.ToStringUtf8());
        Assert.True(bodies[1].EndOfStream);
        Assert.Equal("abc", h.Downstream.BodyText);
    }

    [Fact]
    public async Task WholeBodyBeforeHeadersAnswer_IsOneMessageWithBufferedSemantics()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ContinueAsync(await s.ExpectAsync(Kind.RequestHeaders));
            var headers = await s.ExpectAsync(Kind.ResponseHeaders);
            await release.Task.WaitAsync(s_timeout);
            await s.ContinueAsync(headers);
            var body = await s.ExpectAsync(Kind.ResponseBody);
            Assert.True(body.ResponseBody.EndOfStream);
            await s.SendAsync(new ProcessingResponse
            {
                ResponseBody = new BodyResponse { Response = new CommonResponse { HeaderMutation = Answers.Set(("x-from-body", "yes")) } },
            });
            await s.WaitForEndAsync();
        });
        await using var h = new FilterHarness(server, Modes.StreamedResponse());
        await h.GetThroughAsync();
        await h.Step(h.Filter.EncodeHeadersAsync(HttpHeaderList.Response(200), endOfStream: false));
        await h.Step(h.Filter.EncodeDataAsync("a"u8.ToArray(), endOfStream: false));
        await h.Step(h.Filter.EncodeDataAsync("b"u8.ToArray(), endOfStream: true));
        release.SetResult();
        await h.Completion();

        var bodies = h.Filter.Transcript.Sent.Where(r => r.RequestCase == Kind.ResponseBody).ToList();
        Assert.Single(bodies);
        Assert.Equal("ab", bodies[0].ResponseBody.Body.ToStringUtf8());
        Assert.Equal("yes", h.Downstream.Headers!.Get("x-from-body"));
        Assert.Equal("ab", h.Downstream.BodyText);
    }

    [Fact]
    public async Task ResponseHeadersBeforeRequestBodyDone_DirectionsAnsweredIndependently()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ContinueAsync(await s.ExpectAsync(Kind.RequestHeaders));
            var responseHeaders = await s.ExpectAsync(Kind.ResponseHeaders);
            var requestBody = await s.ExpectAsync(Kind.RequestBody);

            // Across directions the server may answer in any order.
            await s.ContinueAsync(responseHeaders);
            await s.ContinueAsync(requestBody);
            await s.ContinueAllAsync();
        });
        var config = Modes.Config(Modes.Mode(requestBody: BodyMode.Streamed, responseBody: BodyMode.Streamed));
        var script = new ExchangeScript
        {
            RequestHeaders = HttpHeaderList.Request("POST", "/v1/x"),
            RequestBody = [ScriptChunk.Text("req", waitForAnswersBefore: true)],
            ResponseStart = ResponseStart.AfterRequestHeaders,
            ResponseBody = [ScriptChunk.Text("resp", waitForAnswersBefore: true)],
        };

        var result = await EmulatedExchange.RunAsync(server.Channel, config, script).WaitAsync(s_timeout);

        Assert.True(result.Completed);
        Assert.Equal([Kind.RequestHeaders, Kind.ResponseHeaders, Kind.RequestBody, Kind.ResponseBody], result.SentKinds);
        Assert.Equal("req", System.Text.Encoding.UTF8.GetString(result.Upstream.Body));
        Assert.Equal("resp", result.Downstream.BodyText);
    }
}
