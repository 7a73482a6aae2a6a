using Envoy.Config.Core.V3;
using Envoy.Service.ExtProc.V3;
using Google.Protobuf;
using Hush.EnvoyEmulator.Exchange;
using Hush.EnvoyEmulator.Filter;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;
using HeaderMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.HeaderSendMode;
using Kind = Envoy.Service.ExtProc.V3.ProcessingRequest.RequestOneofCase;

namespace Hush.ExtProc.Tests.EnvoyEmulator;

public sealed class MutationTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private static ProcessingResponse RequestHeadersWith(HeaderMutation mutation) => new()
    {
        RequestHeaders = new HeadersResponse { Response = new CommonResponse { HeaderMutation = mutation } },
    };

    [Fact]
    public async Task ForbiddenHeaderMutations_AreIgnoredAndCounted()
    {
        var mutation = Answers.Set((":authority", "evil.example"), ("host", "evil"), (":scheme", "https"), (":method", "DELETE"), ("x-envoy-foo", "1"), (":path", "/v1/rewritten"), ("x-ok", "yes"));
        mutation.RemoveHeaders.Add(":path");
        mutation.RemoveHeaders.Add("accept-encoding");
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ExpectAsync(Kind.RequestHeaders);
            await s.SendAsync(RequestHeadersWith(mutation));
            await s.ContinueAllAsync();
        });
        var script = new ExchangeScript { RequestHeaders = HttpHeaderList.Request("GET", "/v1/x").Add("accept-encoding", "gzip") };

        var result = await EmulatedExchange.RunAsync(server.Channel, Modes.Config(), script).WaitAsync(s_timeout);

        var up = result.Upstream.Headers!;
        Assert.Equal("example.com", up.Get(":authority"));
        Assert.Equal("http", up.Get(":scheme"));
        Assert.Equal("GET", up.Get(":method"));
        Assert.Null(up.Get("host"));
        Assert.Null(up.Get("x-envoy-foo"));
        Assert.Equal("/v1/rewritten", up.Get(":path"));
        Assert.Equal("yes", up.Get("x-ok"));
        Assert.Null(up.Get("accept-encoding"));
        Assert.Equal(6, result.Counters.RejectedHeaderMutations);
    }

    [Fact]
    public async Task DisallowIsError_ForbiddenMutationIs500()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ExpectAsync(Kind.RequestHeaders);
            await s.SendAsync(RequestHeadersWith(Answers.Set(("x-envoy-foo", "1"))));
            await s.WaitForEndAsync();
        });
        var config = new ExtProcFilterConfig { DisallowIsError = true, MessageTimeout = Modes.Long };
        var script = new ExchangeScript { RequestHeaders = HttpHeaderList.Request("GET", "/") };

        var result = await EmulatedExchange.RunAsync(server.Channel, config, script).WaitAsync(s_timeout);

        Assert.Equal(500, result.Downstream.Status);
        Assert.Null(result.Upstream.Headers);
    }

    [Fact]
    public async Task AppendBoolValue_AddsButAppendActionIsIgnored()
    {
        var mutation = new HeaderMutation();
#pragma warning disable CS0612
        mutation.SetHeaders.Add(new HeaderValueOption { Header = new HeaderValue { Key = "x-a", RawValue = ByteString.CopyFromUtf8("2") }, Append = true });
#pragma warning restore CS0612
        mutation.SetHeaders.Add(new HeaderValueOption
        {
            Header = new HeaderValue { Key = "x-b", RawValue = ByteString.CopyFromUtf8("2") },
            AppendAction = HeaderValueOption.Types.HeaderAppendAction.AppendIfExistsOrAdd,
        });
        mutation.SetHeaders.Add(new HeaderValueOption { Header = new HeaderValue { Key = "x-c", Value = "ignored-value-field" } });
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ExpectAsync(Kind.RequestHeaders);
            await s.SendAsync(RequestHeadersWith(mutation));
            await s.ContinueAllAsync();
        });
        var script = new ExchangeScript { RequestHeaders = HttpHeaderList.Request("GET", "/").Add("x-a", "1").Add("x-b", "1") };

        var result = await EmulatedExchange.RunAsync(server.Channel, Modes.Config(), script).WaitAsync(s_timeout);

        Assert.Equal(["1", "2"], result.Upstream.Headers!.GetAll("x-a"));
        Assert.Equal(["2"], result.Upstream.Headers.GetAll("x-b"));
        Assert.Equal("", result.Upstream.Headers.Get("x-c"));
    }

    [Fact]
    public async Task BufferedWithHeaderSend_KeepsContentLength_MismatchIs500()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ContinueAsync(await s.ExpectAsync(Kind.RequestHeaders));
            await s.ExpectAsync(Kind.RequestBody);
            await s.SendAsync(Answers.RequestBody("a longer body than before"));
            await s.WaitForEndAsync();
        });
        var config = Modes.Config(Modes.Mode(requestBody: BodyMode.Buffered));
        var script = new ExchangeScript
        {
            RequestHeaders = HttpHeaderList.Request("POST", "/").Add("content-length", "5"),
            RequestBody = [ScriptChunk.Text("hello")],
        };

        var result = await EmulatedExchange.RunAsync(server.Channel, config, script).WaitAsync(s_timeout);

        Assert.Equal(500, result.Downstream.Status);
        Assert.Null(result.Upstream.Headers);
    }

    [Fact]
    public async Task BufferedWithHeaderSend_CorrectContentLength_IsForwarded()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ContinueAsync(await s.ExpectAsync(Kind.RequestHeaders));
            await s.ExpectAsync(Kind.RequestBody);
            await s.SendAsync(new ProcessingResponse
            {
                RequestBody = new BodyResponse
                {
                    Response = new CommonResponse
                    {
                        HeaderMutation = Answers.Set(("content-length", "7")),
                        BodyMutation = new BodyMutation { Body = ByteString.CopyFromUtf8("[MASKD]") },
                    },
                },
            });
            await s.ContinueAllAsync();
        });
        var config = Modes.Config(Modes.Mode(requestBody: BodyMode.Buffered));
        var script = new ExchangeScript
        {
            RequestHeaders = HttpHeaderList.Request("POST", "/").Add("content-length", "5"),
            RequestBody = [ScriptChunk.Text("he"), ScriptChunk.Text("llo")],
        };

        var result = await EmulatedExchange.RunAsync(server.Channel, config, script).WaitAsync(s_timeout);

        Assert.Equal("7", result.Upstream.Headers!.Get("content-length"));
        Assert.Equal("[MASKD]", System.Text.Encoding.UTF8.GetString(result.Upstream.Body));
        Assert.Equal("hello", result.Sent[1].RequestBody.Body.ToStringUtf8());
    }

    [Theory]
    [InlineData(BodyMode.Streamed, HeaderMode.Send)]
    [InlineData(BodyMode.BufferedPartial, HeaderMode.Send)]
    [InlineData(BodyMode.Buffered, HeaderMode.Skip)]
    public async Task StreamedTypeModes_StripContentLength(BodyMode mode, HeaderMode headerMode)
    {
        await using var server = await ScriptedExtProcServer.StartAsync(s => s.ContinueAllAsync());
        var config = Modes.Config(Modes.Mode(requestBody: mode, requestHeaders: headerMode));
        var script = new ExchangeScript
        {
            RequestHeaders = HttpHeaderList.Request("POST", "/").Add("content-length", "5"),
            RequestBody = [ScriptChunk.Text("hello")],
        };

        var result = await EmulatedExchange.RunAsync(server.Channel, config, script).WaitAsync(s_timeout);

        Assert.True(result.Completed);
        Assert.Null(result.Upstream.Headers!.Get("content-length"));
        Assert.Equal("hello", System.Text.Encoding.UTF8.GetString(result.Upstream.Body));
    }

    [Fact]
    public async Task ContinueAndReplace_ReplacesBodyAndStopsMessagesInThatDirection()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ExpectAsync(Kind.RequestHeaders);
            await s.SendAsync(new ProcessingResponse
            {
                RequestHeaders = new HeadersResponse
                {
                    Response = new CommonResponse
                    {
                        Status = CommonResponse.Types.ResponseStatus.ContinueAndReplace,
                        HeaderMutation = Answers.Set((":method", "POST")),
                        BodyMutation = new BodyMutation { Body = ByteString.CopyFromUtf8("replaced") },
                    },
                },
            });
            await s.ContinueAllAsync();
        });
        var config = Modes.Config(Modes.Mode(requestBody: BodyMode.Buffered));
        var script = new ExchangeScript { RequestHeaders = HttpHeaderList.Request("GET", "/") };

        var result = await EmulatedExchange.RunAsync(server.Channel, config, script).WaitAsync(s_timeout);

        Assert.Equal("POST", result.Upstream.Headers!.Get(":method"));
        Assert.Equal("replaced", System.Text.Encoding.UTF8.GetString(result.Upstream.Body));
        Assert.DoesNotContain(Kind.RequestBody, result.SentKinds);
    }

    [Fact]
    public async Task BufferedOverflow_Request_Is413()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(s => s.ContinueAllAsync());
        var config = new ExtProcFilterConfig { ProcessingMode = Modes.Mode(requestBody: BodyMode.Buffered), BufferLimitBytes = 8, MessageTimeout = Modes.Long };
        var script = new ExchangeScript
        {
            RequestHeaders = HttpHeaderList.Request("POST", "/"),
            RequestBody = [ScriptChunk.Text("12345"), ScriptChunk.Text("67890")],
        };

        var result = await EmulatedExchange.RunAsync(server.Channel, config, script).WaitAsync(s_timeout);

        Assert.Equal(413, result.Downstream.Status);
        Assert.DoesNotContain(Kind.RequestBody, result.SentKinds);
    }
}
