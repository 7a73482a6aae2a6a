using Envoy.Service.ExtProc.V3;
using Hush.EnvoyEmulator.Exchange;
using Hush.EnvoyEmulator.Filter;
using Hush.ExtProc.Tests.Support;
using static Hush.ExtProc.Tests.Conformance.FilterConfigs;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;
using HeaderMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.HeaderSendMode;
using Kind = Envoy.Service.ExtProc.V3.ProcessingRequest.RequestOneofCase;

namespace Hush.ExtProc.Tests.Conformance;

/// <summary>Protocol notes §5 theme 17: FULL_DUPLEX_STREAMED answers with streamed_response, ends the body, flushes at trailers.</summary>
public sealed class FullDuplexTests(GoldenHushFixture hush) : IClassFixture<GoldenHushFixture>
{
    private static ExtProcFilterConfig FullDuplexResponse() =>
        With(Mode(BodyMode.None, BodyMode.FullDuplexStreamed, HeaderMode.Skip, HeaderMode.Send));

    private static IEnumerable<StreamedBodyResponse> Streamed(ExchangeResult result) =>
        result.Received.Where(r => r.ResponseBody is not null).Select(r => r.ResponseBody.Response.BodyMutation.StreamedResponse);

    [Fact]
    public async Task SecretAcrossChunks_StreamedResponsesMasked_EndOfStreamOnce()
    {
        var result = await Conform.RunAsync(hush.Server.Channel, FullDuplexResponse(), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response(),
            ResponseBody = Scripts.Cut(Scripts.SseWithKey, 6),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.All(result.Received.Where(r => r.ResponseBody is not null),
            r => Assert.Equal(BodyMutation.MutationOneofCase.StreamedResponse, r.ResponseBody.Response.BodyMutation.MutationCase));
        Assert.Single(Streamed(result), s => s.EndOfStream);
        Assert.True(Streamed(result).Last().EndOfStream);
        Assert.Equal(Scripts.SseMasked, result.Downstream.BodyText);
        Assert.True(result.Downstream.EndOfStream);
        ProtocolChecks.AssertNoSecret(result.Downstream, TestPolicies.AwsKey);
        Assert.False(result.Downstream.Headers!.Contains("content-length"));
    }

    [Fact]
    public async Task TrailersTerminatedBody_HeldTailFlushedBeforeTrailersAnswer()
    {
        // The body ends inside the key: only the trailers tell Hush the body is over.
        var text = "data: the key is " + TestPolicies.AwsKey;
        var result = await Conform.RunAsync(hush.Server.Channel, FullDuplexResponse(), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response(),
            ResponseBody = Scripts.Cut(text, 5),
            ResponseTrailers = new HttpHeaderList().Add("grpc-status", "0"),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.Equal(Kind.ResponseTrailers, result.SentKinds[^1]);
        Assert.All(Conform.ResponseBodies(result), b => Assert.False(b.EndOfStream));
        Assert.Equal(ProcessingResponse.ResponseOneofCase.ResponseTrailers, result.Received[^1].ResponseCase);
        Assert.Equal("data: the key is " + TestPolicies.AwsMasked, result.Downstream.BodyText);
        Assert.Equal("0", result.Downstream.Trailers?.Get("grpc-status"));
        ProtocolChecks.AssertNoSecret(result.Downstream, TestPolicies.AwsKey);
    }

    [Fact]
    public async Task GzipResponse_DecodedMaskedInStreamedResponses()
    {
        var compressed = CompressionTests.Compress(Scripts.Bytes(Scripts.SseWithKey), "gzip");
        var result = await Conform.RunAsync(hush.Server.Channel, FullDuplexResponse(), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response().Add("content-encoding", "gzip"),
            ResponseBody = Scripts.Cut(compressed, 12),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.False(result.Downstream.Headers!.Contains("content-encoding"));
        Assert.Equal(Scripts.SseMasked, result.Downstream.BodyText);
    }

    [Fact]
    public async Task BinaryResponse_NoOverrideInFullDuplex_BytesEchoedUnchanged()
    {
        // Envoy ignores mode_override when a body mode is FULL_DUPLEX_STREAMED: Hush must echo the bytes itself.
        var png = EarlyDataTests.BinaryBody();
        var config = FullDuplexResponse();
        var result = await Conform.RunAsync(hush.Server.Channel, new ExtProcFilterConfig
        {
            ProcessingMode = config.ProcessingMode,
            MessageTimeout = config.MessageTimeout,
            AllowModeOverride = true,
        }, new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response("image/png"),
            ResponseBody = Scripts.Cut(png, 100),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.All(result.Received, r => Assert.Null(r.ModeOverride));
        Assert.Equal(png, result.Downstream.Body);
        Assert.True(result.Downstream.EndOfStream);
    }

    [Fact]
    public async Task FullDuplexRequest_MaskedUpstreamBody()
    {
        var config = With(new Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode
        {
            RequestHeaderMode = HeaderMode.Send,
            ResponseHeaderMode = HeaderMode.Send,
            RequestBodyMode = BodyMode.FullDuplexStreamed,
            RequestTrailerMode = HeaderMode.Send,
            ResponseBodyMode = BodyMode.None,
            ResponseTrailerMode = HeaderMode.Skip,
        });
        var result = await Conform.RunAsync(hush.Server.Channel, config, new ExchangeScript
        {
            RequestHeaders = Scripts.Post(),
            RequestBody = Scripts.Cut(Scripts.PromptWithKey, 9),
            ResponseHeaders = Scripts.Response("application/json"),
            ResponseBody = Scripts.One("{}"),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.Equal(
            Scripts.PromptWithKey.Replace(TestPolicies.AwsKey, TestPolicies.AwsMasked, StringComparison.Ordinal),
            System.Text.Encoding.UTF8.GetString(result.Upstream.Body));
        Assert.True(result.Upstream.EndOfStream);
    }
}
