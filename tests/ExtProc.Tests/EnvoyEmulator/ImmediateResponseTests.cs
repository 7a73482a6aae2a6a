using Envoy.Service.ExtProc.V3;
using Google.Protobuf;
using Hush.EnvoyEmulator.Exchange;
using Hush.EnvoyEmulator.Filter;
using Kind = Envoy.Service.ExtProc.V3.ProcessingRequest.RequestOneofCase;

namespace Hush.ExtProc.Tests.EnvoyEmulator;

public sealed class ImmediateResponseTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private static ProcessingResponse Immediate(int status, string body) => new()
    {
        ImmediateResponse = new ImmediateResponse
        {
            Status = new Envoy.Type.V3.HttpStatus { Code = (Envoy.Type.V3.StatusCode)status },
            Body = ByteString.CopyFromUtf8(body),
            Headers = Answers.Set(("x-blocked", "1"), ("x-envoy-nope", "1")),
            Details = "blocked by policy",
        },
    };

    [Fact]
    public async Task OnRequestHeaders_IsCleanLocalReply()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ExpectAsync(Kind.RequestHeaders);
            await s.SendAsync(Immediate(403, "{\"error\":\"denied\"}"));
            await s.WaitForEndAsync();
        });
        var script = new ExchangeScript { RequestHeaders = HttpHeaderList.Request("POST", "/v1/x"), RequestBody = [ScriptChunk.Text("hi")] };

        var result = await EmulatedExchange.RunAsync(server.Channel, Modes.Config(), script).WaitAsync(s_timeout);

        Assert.Equal(403, result.Downstream.Status);
        Assert.Equal("{\"error\":\"denied\"}", result.Downstream.BodyText);
        Assert.Equal("1", result.Downstream.Headers!.Get("x-blocked"));
        Assert.Null(result.Downstream.Headers.Get("x-envoy-nope"));
        Assert.Equal("blocked_by_policy", result.Downstream.Details);
        Assert.False(result.Downstream.Reset);
        Assert.Null(result.Upstream.Headers);
    }

    [Fact]
    public async Task StatusBelow200_BecomesOk()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ExpectAsync(Kind.RequestHeaders);
            await s.SendAsync(Immediate(100, "x"));
            await s.WaitForEndAsync();
        });
        var script = new ExchangeScript { RequestHeaders = HttpHeaderList.Request("GET", "/") };

        var result = await EmulatedExchange.RunAsync(server.Channel, Modes.Config(), script).WaitAsync(s_timeout);

        Assert.Equal(200, result.Downstream.Status);
    }

    [Fact]
    public async Task OnResponseHeaders_DiscardsUpstreamHeaders()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ContinueAsync(await s.ExpectAsync(Kind.RequestHeaders));
            await s.ExpectAsync(Kind.ResponseHeaders);
            await s.SendAsync(Immediate(451, "unavailable"));
            await s.WaitForEndAsync();
        });
        var script = new ExchangeScript
        {
            RequestHeaders = HttpHeaderList.Request("GET", "/"),
            ResponseHeaders = HttpHeaderList.Response(200).Add("x-upstream", "1"),
            ResponseBody = [ScriptChunk.Text("secret")],
        };

        var result = await EmulatedExchange.RunAsync(server.Channel, Modes.StreamedResponse(), script).WaitAsync(s_timeout);

        Assert.Equal(451, result.Downstream.Status);
        Assert.Null(result.Downstream.Headers!.Get("x-upstream"));
        Assert.Equal("unavailable", result.Downstream.BodyText);
    }

    [Fact]
    public async Task OnStreamedResponseBody_AfterHeadersReleased_ResetsStream()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ContinueAsync(await s.ExpectAsync(Kind.RequestHeaders));
            await s.ContinueAsync(await s.ExpectAsync(Kind.ResponseHeaders));
            await s.ExpectAsync(Kind.ResponseBody);
            await s.SendAsync(Immediate(403, "late"));
            await s.SendAsync(Answers.ResponseBody("ignored after the reset"));
            await s.WaitForEndAsync();
        });
        var script = new ExchangeScript
        {
            RequestHeaders = HttpHeaderList.Request("GET", "/"),
            ResponseBody = [ScriptChunk.Text("chunk", waitForAnswersBefore: true), ScriptChunk.Text("more")],
        };

        var result = await EmulatedExchange.RunAsync(server.Channel, Modes.StreamedResponse(), script).WaitAsync(s_timeout);

        Assert.True(result.Downstream.Reset);
        Assert.Equal(200, result.Downstream.Status);
        Assert.Empty(result.Downstream.Body);
        Assert.Equal(0, result.Counters.SpuriousMsgsReceived);
    }

    [Fact]
    public async Task DisabledImmediateResponse_IsSpurious()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ExpectAsync(Kind.RequestHeaders);
            await s.SendAsync(Immediate(403, "x"));
            await s.WaitForEndAsync();
        });
        var config = new ExtProcFilterConfig { DisableImmediateResponse = true, MessageTimeout = Modes.Long };
        var script = new ExchangeScript { RequestHeaders = HttpHeaderList.Request("GET", "/") };

        var result = await EmulatedExchange.RunAsync(server.Channel, config, script).WaitAsync(s_timeout);

        Assert.Equal(500, result.Downstream.Status);
        Assert.Equal(1, result.Counters.SpuriousMsgsReceived);
    }
}
