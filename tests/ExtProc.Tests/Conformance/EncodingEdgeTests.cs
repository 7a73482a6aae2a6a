using Hush.EnvoyEmulator.Exchange;
using Hush.ExtProc.Tests.Support;
using static Hush.ExtProc.Tests.Conformance.FilterConfigs;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;

namespace Hush.ExtProc.Tests.Conformance;

/// <summary>
/// content-encoding corner cases: a direction whose body Hush never sees (body mode NONE) and an encoding list.
/// </summary>
public sealed class EncodingEdgeTests(GoldenHushFixture hush) : IClassFixture<GoldenHushFixture>
{
    [Fact]
    public async Task CompressedRequestWithRequestBodyModeNone_HeadersAndBodyUntouched()
    {
        // Hush never sees this body, so it cannot decode it: removing content-encoding would corrupt it upstream.
        var compressed = CompressionTests.Compress(Scripts.Bytes(Scripts.PromptWithKey), "gzip");
        var result = await Conform.RunAsync(hush.Server.Channel, With(Mode(BodyMode.None, BodyMode.Streamed)), new ExchangeScript
        {
            RequestHeaders = Scripts.Post(contentLength: compressed.Length).Add("content-encoding", "gzip"),
            RequestBody = Scripts.Cut(compressed, 50),
            ResponseHeaders = Scripts.Response(),
            ResponseBody = Scripts.One(Scripts.SseWithKey),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.Equal(compressed, result.Upstream.Body);
        Assert.Equal("gzip", result.Upstream.Headers!.Get("content-encoding"));
        Assert.Equal(compressed.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Upstream.Headers.Get("content-length"));
    }

    [Fact]
    public async Task CompressedResponseWithResponseBodyModeNone_HeadersAndBodyUntouched()
    {
        var compressed = CompressionTests.Compress(Scripts.Bytes("{\"ok\":true}"), "gzip");
        var result = await Conform.RunAsync(hush.Server.Channel, With(Mode(BodyMode.Buffered, BodyMode.None)), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response("application/json", contentLength: compressed.Length).Add("content-encoding", "gzip"),
            ResponseBody = Scripts.Cut(compressed, 16),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.Equal(compressed, result.Downstream.Body);
        Assert.Equal("gzip", result.Downstream.Headers!.Get("content-encoding"));
    }

    [Fact]
    public async Task ContentEncodingListInOneEntry_Refused502()
    {
        var body = CompressionTests.Compress(CompressionTests.Compress(Scripts.Bytes(Scripts.SseWithKey), "gzip"), "br");
        var result = await Conform.RunAsync(hush.Server.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response().Add("content-encoding", "gzip, br"),
            ResponseBody = Scripts.Cut(body, 16),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.Equal(502, result.Downstream.Status);
        Assert.Equal("unscannable_encoding", result.Downstream.LocalReply?.Headers.Get("x-hush-error"));
        Assert.DoesNotContain(Envoy.Service.ExtProc.V3.ProcessingRequest.RequestOneofCase.ResponseBody, result.SentKinds);
    }
}
