using Hush.EnvoyEmulator.Exchange;
using Hush.EnvoyEmulator.Filter;
using Hush.ExtProc.Tests.Support;
using static Hush.ExtProc.Tests.Conformance.FilterConfigs;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;
using HeaderMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.HeaderSendMode;
using Kind = Envoy.Service.ExtProc.V3.ProcessingRequest.RequestOneofCase;

namespace Hush.ExtProc.Tests.Conformance;

/// <summary>Protocol notes §5 theme 1: message order per mode, every message answered once, interleaving.</summary>
public sealed class OrderingTests(GoldenHushFixture hush) : IClassFixture<GoldenHushFixture>
{
    [Fact]
    public async Task GetWithoutBody_HeadersOnlyThenStreamedResponse_AnsweredInOrderAndMasked()
    {
        var result = await Conform.RunAsync(hush.Server.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response(),
            ResponseBody = Scripts.Cut(Scripts.SseWithKey, 16),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.Equal(Kind.RequestHeaders, result.SentKinds[0]);
        Assert.True(result.Sent[0].RequestHeaders.EndOfStream);
        Assert.DoesNotContain(Kind.RequestBody, result.SentKinds);
        Assert.Equal(Kind.ResponseHeaders, result.SentKinds[1]);
        Assert.All(result.SentKinds.Skip(2), k => Assert.Equal(Kind.ResponseBody, k));
        Assert.True(result.Upstream.EndOfStream);
        Assert.Empty(result.Upstream.Body);
        Assert.Equal(200, result.Downstream.Status);
        Assert.Equal(Scripts.SseMasked, result.Downstream.BodyText);
        Assert.True(result.Downstream.EndOfStream);
    }

    [Fact]
    public async Task PostWithBufferedBody_OneBodyMessageWithWholeBodyBeforeResponse()
    {
        var prompt = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";
        var result = await Conform.RunAsync(hush.Server.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Post(),
            RequestBody = [ScriptChunk.Text(prompt[..10]), ScriptChunk.Text(prompt[10..30]), ScriptChunk.Text(prompt[30..])],
            ResponseHeaders = Scripts.Response(),
            ResponseBody = Scripts.One(Scripts.SseWithKey),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.Equal([Kind.RequestHeaders, Kind.RequestBody, Kind.ResponseHeaders, Kind.ResponseBody], result.SentKinds);
        var body = Assert.Single(Conform.RequestBodies(result));
        Assert.True(body.EndOfStream);
        Assert.Equal(prompt, body.Body.ToStringUtf8());
        Assert.Equal(prompt, System.Text.Encoding.UTF8.GetString(result.Upstream.Body));
        Assert.Equal(Scripts.SseMasked, result.Downstream.BodyText);
    }

    [Fact]
    public async Task AllSixMessages_StreamedBothWaysWithTrailers_EachAnsweredOnceInOrder()
    {
        var mode = Mode(BodyMode.Streamed, BodyMode.Streamed, HeaderMode.Send, HeaderMode.Send);
        var result = await Conform.RunAsync(hush.Server.Channel, With(mode), new ExchangeScript
        {
            RequestHeaders = Scripts.Post(),
            RequestBody = Scripts.Cut("{\"prompt\":\"plain words only\"}", 9),
            RequestTrailers = new HttpHeaderList().Add("x-checksum", "abc"),
            ResponseHeaders = Scripts.Response(),
            ResponseBody = Scripts.Cut(Scripts.SseWithKey, 11),
            ResponseTrailers = new HttpHeaderList().Add("grpc-status", "0"),
            Timeout = Scripts.PhaseTimeout,
        });

        var kinds = result.SentKinds;
        Assert.Equal(Kind.RequestHeaders, kinds[0]);
        Assert.Equal(Kind.RequestTrailers, kinds[kinds.ToList().IndexOf(Kind.ResponseHeaders) - 1]);
        Assert.Equal(Kind.ResponseTrailers, kinds[^1]);
        Assert.Equal(6, kinds.Distinct().Count());
        Assert.All(Conform.ResponseBodies(result), b => Assert.False(b.EndOfStream));
        Assert.Equal("abc", result.Upstream.Trailers?.Get("x-checksum"));
        Assert.Equal("0", result.Downstream.Trailers?.Get("grpc-status"));
        Assert.Equal(Scripts.SseMasked, result.Downstream.BodyText);
        ProtocolChecks.AssertNoSecret(result.Downstream, TestPolicies.AwsKey);
    }

    [Fact]
    public async Task TrailerModeSendWithoutTrailers_NoTrailersMessage()
    {
        var result = await Conform.RunAsync(hush.Server.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response(),
            ResponseBody = Scripts.Cut(Scripts.SseWithKey, 40),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.DoesNotContain(Kind.ResponseTrailers, result.SentKinds);
        Assert.True(Conform.ResponseBodies(result)[^1].EndOfStream);
        Assert.Equal(Scripts.SseMasked, result.Downstream.BodyText);
    }

    [Fact]
    public async Task ResponseHeadersBeforeRequestBodyDone_DirectionsInterleaved_EachAnsweredInOrder()
    {
        var result = await Conform.RunAsync(hush.Server.Channel, With(Mode(BodyMode.Streamed, BodyMode.Streamed)), new ExchangeScript
        {
            RequestHeaders = Scripts.Post(),
            RequestBody = Scripts.Cut(Scripts.PromptWithKey, 13),
            ResponseHeaders = Scripts.Response(),
            ResponseBody = Scripts.Cut(Scripts.SseWithKey, 13),
            ResponseStart = ResponseStart.AfterRequestHeaders,
            Timeout = Scripts.PhaseTimeout,
        });

        var kinds = result.SentKinds.ToList();
        Assert.True(kinds.IndexOf(Kind.ResponseHeaders) < kinds.IndexOf(Kind.RequestBody),
            "response headers must reach Hush while the request body is still outstanding");
        Assert.Equal(Scripts.SseMasked, result.Downstream.BodyText);
        Assert.Equal(
            Scripts.PromptWithKey.Replace(TestPolicies.AwsKey, TestPolicies.AwsMasked, StringComparison.Ordinal),
            System.Text.Encoding.UTF8.GetString(result.Upstream.Body));
    }
}
