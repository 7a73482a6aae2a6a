using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Envoy.Service.ExtProc.V3;
using Google.Protobuf.WellKnownTypes;
using Hush.EnvoyEmulator.Exchange;
using Hush.EnvoyEmulator.Filter;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;
using HeaderMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.HeaderSendMode;
using Kind = Envoy.Service.ExtProc.V3.ProcessingRequest.RequestOneofCase;

namespace Hush.ExtProc.Tests.EnvoyEmulator;

public sealed class MetadataAndModeTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ForwardingNamespaces_OnEveryMessage_AttributesOncePerDirection()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(s => s.ContinueAllAsync());
        var config = new ExtProcFilterConfig
        {
            ProcessingMode = Modes.Mode(responseBody: BodyMode.Streamed),
            MessageTimeout = Modes.Long,
            ForwardingNamespacesUntyped = ["envoy.filters.http.jwt_authn"],
            RequestAttributes = ["request.path", "request.method", "connection.id"],
            ResponseAttributes = ["response.code"],
        };
        var payload = new Struct { Fields = { ["sub"] = Value.ForString("alice") } };
        var jwt = new Struct { Fields = { ["jwt_payload"] = Value.ForStruct(payload) } };
        var script = new ExchangeScript
        {
            RequestHeaders = HttpHeaderList.Request("GET", "/v1/models"),
            ResponseHeaders = HttpHeaderList.Response(201),
            ResponseBody = [ScriptChunk.Text("a", waitForAnswersBefore: true), ScriptChunk.Text("b")],
            ConnectionId = 42,
            DynamicMetadata = new Dictionary<string, Struct> { ["envoy.filters.http.jwt_authn"] = jwt, ["other.ns"] = new Struct() },
        };

        var result = await EmulatedExchange.RunAsync(server.Channel, config, script).WaitAsync(s_timeout);

        Assert.Equal(4, result.Sent.Count);
        foreach (var sent in result.Sent)
        {
            var ns = sent.MetadataContext.FilterMetadata["envoy.filters.http.jwt_authn"];
            Assert.Equal("alice", ns.Fields["jwt_payload"].StructValue.Fields["sub"].StringValue);
            Assert.False(sent.MetadataContext.FilterMetadata.ContainsKey("other.ns"));
        }

        var requestAttrs = result.Sent[0].Attributes["envoy.filters.http.ext_proc"];
        Assert.Equal("/v1/models", requestAttrs.Fields["request.path"].StringValue);
        Assert.Equal("GET", requestAttrs.Fields["request.method"].StringValue);
        Assert.Equal(42, requestAttrs.Fields["connection.id"].NumberValue);
        Assert.Equal(201, result.Sent[1].Attributes["envoy.filters.http.ext_proc"].Fields["response.code"].NumberValue);
        Assert.Empty(result.Sent[2].Attributes);
        Assert.Empty(result.Sent[3].Attributes);
    }

    [Fact]
    public async Task DynamicMetadata_OnlyReceivingNamespacesAreKept()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            var headers = await s.ExpectAsync(Kind.RequestHeaders);
            var answer = Answers.ContinueFor(headers);
            answer.DynamicMetadata = new Struct
            {
                Fields =
                {
                    ["llm.secret_masker"] = Value.ForStruct(new Struct { Fields = { ["masks"] = Value.ForNumber(2) } }),
                    ["not.allowed"] = Value.ForStruct(new Struct { Fields = { ["x"] = Value.ForNumber(1) } }),
                },
            };
            await s.SendAsync(answer);
            await s.ContinueAllAsync();
        });
        var config = new ExtProcFilterConfig { MessageTimeout = Modes.Long, ReceivingNamespacesUntyped = ["llm.secret_masker"] };
        var script = new ExchangeScript { RequestHeaders = HttpHeaderList.Request("GET", "/") };

        var result = await EmulatedExchange.RunAsync(server.Channel, config, script).WaitAsync(s_timeout);

        Assert.Equal(2, result.ReceivedDynamicMetadata["llm.secret_masker"].Fields["masks"].NumberValue);
        Assert.False(result.ReceivedDynamicMetadata.ContainsKey("not.allowed"));
    }

    [Fact]
    public async Task ModeOverride_OnResponseHeaders_SkipsStreamedBody()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ContinueAsync(await s.ExpectAsync(Kind.RequestHeaders));
            var headers = await s.ExpectAsync(Kind.ResponseHeaders);
            var answer = Answers.ContinueFor(headers);

            // Body modes in an override are literal: unset means NONE.
            answer.ModeOverride = new ProcessingMode();
            await s.SendAsync(answer);
            await s.ContinueAllAsync();
        });
        var config = new ExtProcFilterConfig { ProcessingMode = Modes.Mode(responseBody: BodyMode.Streamed), AllowModeOverride = true, MessageTimeout = Modes.Long };
        var script = new ExchangeScript
        {
            RequestHeaders = HttpHeaderList.Request("GET", "/"),
            ResponseHeaders = HttpHeaderList.Response(200).Add("content-type", "image/png"),
            ResponseBody = [ScriptChunk.Text("png", waitForAnswersBefore: true), ScriptChunk.Text("data")],
        };

        var result = await EmulatedExchange.RunAsync(server.Channel, config, script).WaitAsync(s_timeout);

        Assert.DoesNotContain(Kind.ResponseBody, result.SentKinds);
        Assert.Equal("pngdata", result.Downstream.BodyText);
    }

    [Fact]
    public async Task ModeOverride_NotAllowed_IsIgnored()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ContinueAsync(await s.ExpectAsync(Kind.RequestHeaders));
            var answer = Answers.ContinueFor(await s.ExpectAsync(Kind.ResponseHeaders));
            answer.ModeOverride = new ProcessingMode();
            await s.SendAsync(answer);
            await s.ContinueAllAsync();
        });
        var script = new ExchangeScript
        {
            RequestHeaders = HttpHeaderList.Request("GET", "/"),
            ResponseBody = [ScriptChunk.Text("x", waitForAnswersBefore: true)],
        };

        var result = await EmulatedExchange.RunAsync(server.Channel, Modes.StreamedResponse(), script).WaitAsync(s_timeout);

        Assert.Contains(Kind.ResponseBody, result.SentKinds);
    }

    [Fact]
    public async Task FullDuplexStreamed_ServerAnswersMToN()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            var headers = await s.ExpectAsync(Kind.ResponseHeaders);
            var text = "";
            while (true)
            {
                var body = await s.ExpectAsync(Kind.ResponseBody);
                text += Answers.BodyText(body);
                if (body.ResponseBody.EndOfStream)
                {
                    break;
                }
            }

            await s.ContinueAsync(headers);
            foreach (var piece in new[] { text[..2], text[2..] })
            {
                await s.SendAsync(new ProcessingResponse
                {
                    ResponseBody = new BodyResponse
                    {
                        Response = new CommonResponse
                        {
                            BodyMutation = new BodyMutation { StreamedResponse = new StreamedBodyResponse { Body = Google.Protobuf.ByteString.CopyFromUtf8(piece.ToUpperInvariant()), EndOfStream = piece != text[..2] } },
                        },
                    },
                });
            }

            await s.WaitForEndAsync();
        });
        var config = new ExtProcFilterConfig
        {
            ProcessingMode = Modes.Mode(responseBody: BodyMode.FullDuplexStreamed, responseTrailers: HeaderMode.Send, requestHeaders: HeaderMode.Skip),
            MessageTimeout = TimeSpan.Zero,
        };
        var script = new ExchangeScript
        {
            RequestHeaders = HttpHeaderList.Request("GET", "/"),
            ResponseBody = [ScriptChunk.Text("ab"), ScriptChunk.Text("cd"), ScriptChunk.Text("ef")],
        };

        var result = await EmulatedExchange.RunAsync(server.Channel, config, script).WaitAsync(s_timeout);

        // A zero message_timeout would fire at once: FDS has no timer at all.
        Assert.Equal(0, result.Counters.MessageTimeouts);
        Assert.Equal("ABCDEF", result.Downstream.BodyText);
        Assert.Equal(2, result.Downstream.BodyChunks.Count);
        Assert.True(result.Downstream.EndOfStream);
    }

    [Fact]
    public void Validator_RejectsFullDuplexWithoutTrailerSend()
    {
        var config = new ExtProcFilterConfig { ProcessingMode = Modes.Mode(responseBody: BodyMode.FullDuplexStreamed) };

        Assert.NotEmpty(ExtProcConfigValidator.Validate(config));
        Assert.Throws<ArgumentException>(() => ExtProcConfigValidator.EnsureValid(config));
        Assert.Empty(ExtProcConfigValidator.Validate(new ExtProcFilterConfig()));
    }

    [Fact]
    public void DefaultConfig_MatchesEnvoyDefaults()
    {
        var config = new ExtProcFilterConfig();

        Assert.Equal(TimeSpan.FromMilliseconds(200), config.MessageTimeout);
        Assert.Equal(TimeSpan.Zero, config.MaxMessageTimeout);
        Assert.False(config.FailureModeAllow);
        Assert.Equal(500, config.StatusOnError);
        Assert.Equal(HeaderMode.Send, config.ProcessingMode.ResponseHeaderMode);
        Assert.Equal(BodyMode.None, config.ProcessingMode.ResponseBodyMode);
        Assert.Equal(HeaderMode.Skip, config.ProcessingMode.ResponseTrailerMode);
    }

    [Fact]
    public async Task StreamedWithTrailers_NoChunkEndsStream_TrailersAfterBodyAnswers()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(s => s.ContinueAllAsync());
        var config = Modes.Config(Modes.Mode(responseBody: BodyMode.Streamed, responseTrailers: HeaderMode.Send));
        var script = new ExchangeScript
        {
            RequestHeaders = HttpHeaderList.Request("GET", "/"),
            ResponseBody = [ScriptChunk.Text("a", waitForAnswersBefore: true), ScriptChunk.Text("b")],
            ResponseTrailers = new HttpHeaderList().Add("grpc-status", "0"),
        };

        var result = await EmulatedExchange.RunAsync(server.Channel, config, script).WaitAsync(s_timeout);

        var response = result.Sent.Where(r => r.RequestCase is Kind.ResponseBody or Kind.ResponseTrailers).ToList();
        Assert.Equal([Kind.ResponseBody, Kind.ResponseBody, Kind.ResponseTrailers], response.Select(r => r.RequestCase));
        Assert.All(response.Take(2), r => Assert.False(r.ResponseBody.EndOfStream));
        Assert.Equal("0", result.Downstream.Trailers!.Get("grpc-status"));
    }
}
