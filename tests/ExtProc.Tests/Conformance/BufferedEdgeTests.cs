using System.Globalization;
using System.Text;
using Grpc.Net.Client;
using Hush.EnvoyEmulator.Exchange;
using Hush.EnvoyEmulator.Filter;
using Hush.ExtProc.Tests.Support;
using static Hush.ExtProc.Tests.Conformance.FilterConfigs;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;
using HeaderMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.HeaderSendMode;
using Kind = Envoy.Service.ExtProc.V3.ProcessingRequest.RequestOneofCase;

namespace Hush.ExtProc.Tests.Conformance;

/// <summary>
/// BUFFERED edge cases: bodies ended by trailers (the single body message has end_of_stream=false, §2.3), a
/// compressed request body, and a body larger than gRPC's default 4 MiB message size.
/// </summary>
public sealed class BufferedEdgeTests(GoldenHushFixture hush) : IClassFixture<GoldenHushFixture>
{
    private static string Masked(string text) => text.Replace(TestPolicies.AwsKey, TestPolicies.AwsMasked, StringComparison.Ordinal);

    private static string Length(string text) => Encoding.UTF8.GetByteCount(text).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task BufferedBothWaysWithTrailers_BodyWithoutEndOfStreamThenTrailers_MaskedAndLengthFixed()
    {
        var mode = Mode(BodyMode.Buffered, BodyMode.Buffered, HeaderMode.Send, HeaderMode.Send);
        var answer = "{\"content\":\"key " + TestPolicies.AwsKey + "\"}";
        var result = await Conform.RunAsync(hush.Server.Channel, With(mode), new ExchangeScript
        {
            RequestHeaders = Scripts.Post(contentLength: Encoding.UTF8.GetByteCount(Scripts.PromptWithKey)),
            RequestBody = Scripts.Cut(Scripts.PromptWithKey, 30),
            RequestTrailers = new HttpHeaderList().Add("x-request-checksum", "1"),
            ResponseHeaders = Scripts.Response("application/json", contentLength: Encoding.UTF8.GetByteCount(answer)),
            ResponseBody = Scripts.Cut(answer, 10),
            ResponseTrailers = new HttpHeaderList().Add("x-response-checksum", "2"),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.Equal(
            [Kind.RequestHeaders, Kind.RequestBody, Kind.RequestTrailers, Kind.ResponseHeaders, Kind.ResponseBody, Kind.ResponseTrailers],
            result.SentKinds);
        Assert.False(Assert.Single(Conform.RequestBodies(result)).EndOfStream);
        Assert.False(Assert.Single(Conform.ResponseBodies(result)).EndOfStream);
        Assert.Equal(Masked(Scripts.PromptWithKey), Encoding.UTF8.GetString(result.Upstream.Body));
        Assert.Equal(Length(Masked(Scripts.PromptWithKey)), result.Upstream.Headers!.Get("content-length"));
        Assert.Equal("1", result.Upstream.Trailers?.Get("x-request-checksum"));
        Assert.Equal(Masked(answer), result.Downstream.BodyText);
        Assert.Equal(Length(Masked(answer)), result.Downstream.Headers!.Get("content-length"));
        Assert.Equal("2", result.Downstream.Trailers?.Get("x-response-checksum"));
    }

    [Fact]
    public async Task GzipRequestBody_DecodedMaskedSentUncompressedWithLength()
    {
        var compressed = CompressionTests.Compress(Scripts.Bytes(Scripts.PromptWithKey), "gzip");
        var result = await Conform.RunAsync(hush.Server.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Post(contentLength: compressed.Length).Add("content-encoding", "gzip"),
            RequestBody = Scripts.Cut(compressed, 25),
            ResponseHeaders = Scripts.Response("application/json"),
            ResponseBody = Scripts.One("{}"),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.Null(result.Downstream.LocalReply);
        Assert.False(result.Upstream.Headers!.Contains("content-encoding"));
        Assert.Equal(Masked(Scripts.PromptWithKey), Encoding.UTF8.GetString(result.Upstream.Body));
        Assert.Equal(Length(Masked(Scripts.PromptWithKey)), result.Upstream.Headers.Get("content-length"));
    }

    [Fact]
    public async Task BufferedBodyOverGrpcDefaultMessageSize_MaskedWithLength()
    {
        // 5 MiB: over gRPC's default 4 MiB message limit, within envoy.yaml's 8 MiB buffer and Hush's default limit.
        // Envoy's envoy_grpc client has no receive limit by default; this channel mirrors that.
        using var channel = GrpcChannel.ForAddress(hush.Server.GrpcAddress, new GrpcChannelOptions { MaxReceiveMessageSize = null });
        var filler = new string('a', 5 * 1024 * 1024);
        var body = "{\"content\":\"" + filler + " " + TestPolicies.AwsKey + "\"}";
        var result = await Conform.RunAsync(channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Post(contentLength: body.Length),
            RequestBody = Scripts.Cut(body, 256 * 1024),
            ResponseHeaders = Scripts.Response("application/json"),
            ResponseBody = Scripts.One("{}"),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.Null(result.Downstream.LocalReply);
        var upstream = Encoding.UTF8.GetString(result.Upstream.Body);
        Assert.EndsWith(" " + TestPolicies.AwsMasked + "\"}", upstream, StringComparison.Ordinal);
        Assert.Equal(Length(Masked(body)), result.Upstream.Headers!.Get("content-length"));
    }
}
