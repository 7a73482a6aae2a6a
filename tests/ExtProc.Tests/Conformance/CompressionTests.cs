using System.Globalization;
using System.IO.Compression;
using Hush.EnvoyEmulator.Exchange;
using Hush.EnvoyEmulator.Filter;
using Hush.ExtProc.Tests.Support;
using static Hush.ExtProc.Tests.Conformance.FilterConfigs;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;

namespace Hush.ExtProc.Tests.Conformance;

/// <summary>
/// accept-encoding is stripped on the way up; a response that is compressed anyway is decoded, masked and sent on
/// uncompressed with its headers fixed, or refused with 502 — never passed through unscanned.
/// </summary>
public sealed class CompressionTests(GoldenHushFixture hush) : IClassFixture<GoldenHushFixture>
{
    [Fact]
    public async Task AcceptEncoding_RemovedFromUpstreamRequest_OtherHeadersKept()
    {
        var result = await Conform.RunAsync(hush.Server.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Post(),
            RequestBody = Scripts.One("{}"),
            ResponseHeaders = Scripts.Response("application/json"),
            ResponseBody = Scripts.One("{}"),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.Equal("gzip, deflate, br", result.Sent[0].RequestHeaders.Headers.Headers.Single(h => h.Key == "accept-encoding").RawValue.ToStringUtf8());
        Assert.False(result.Upstream.Headers!.Contains("accept-encoding"));
        Assert.Equal("4a3b2c1d", result.Upstream.Headers.Get("x-request-id"));
        Assert.Equal("llm.local", result.Upstream.Headers.Get(":authority"));
        Assert.Equal(["accept-encoding"], result.Received[0].RequestHeaders.Response.HeaderMutation.RemoveHeaders);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public async Task CompressedStreamedResponse_DecodedMaskedAndSentUncompressed(string encoding)
    {
        var compressed = Compress(Scripts.Bytes(Scripts.SseWithKey), encoding);
        var result = await Conform.RunAsync(hush.Server.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response(contentLength: compressed.Length).Add("content-encoding", encoding),
            ResponseBody = Scripts.Cut(compressed, 10),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.False(result.Downstream.Headers!.Contains("content-encoding"));
        Assert.False(result.Downstream.Headers.Contains("content-length"));
        Assert.Equal(Scripts.SseMasked, result.Downstream.BodyText);
        ProtocolChecks.AssertNoSecret(result.Downstream, TestPolicies.AwsKey);
    }

    [Fact]
    public async Task CompressedBufferedResponse_DecodedMasked_ContentLengthOfDecodedBody()
    {
        var compressed = Compress(Scripts.Bytes(Scripts.SseWithKey), "gzip");
        var result = await Conform.RunAsync(hush.Server.Channel, With(Mode(BodyMode.None, BodyMode.Buffered)), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response(contentLength: compressed.Length).Add("content-encoding", "gzip"),
            ResponseBody = Scripts.Cut(compressed, 33),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.Null(result.Downstream.LocalReply);
        Assert.False(result.Downstream.Headers!.Contains("content-encoding"));
        Assert.Equal(Scripts.SseMasked, result.Downstream.BodyText);
        Assert.Equal(Scripts.Bytes(Scripts.SseMasked).Length.ToString(CultureInfo.InvariantCulture), result.Downstream.Headers.Get("content-length"));
    }

    [Fact]
    public async Task CompressedResponse_WithRefuseOption_502LocalReplyNoBodyBytes()
    {
        await using var refuse = await HushTestServer.StartAsync(TestPolicies.GoldenBytes, "--Hush:CompressedBodies=Refuse");
        var compressed = Compress(Scripts.Bytes(Scripts.SseWithKey), "gzip");
        var result = await Conform.RunAsync(refuse.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response().Add("content-encoding", "gzip"),
            ResponseBody = Scripts.Cut(compressed, 10),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.Equal(502, result.Downstream.Status);
        var reply = Assert.IsType<LocalReply>(result.Downstream.LocalReply);
        Assert.Equal("unscannable_encoding", reply.Headers.Get("x-hush-error"));
        Assert.DoesNotContain(Envoy.Service.ExtProc.V3.ProcessingRequest.RequestOneofCase.ResponseBody, result.SentKinds);
        Assert.DoesNotContain(compressed[..10], result.Downstream.BodyChunks);
    }

    [Fact]
    public async Task UndecodableEncoding_Always502()
    {
        var result = await Conform.RunAsync(hush.Server.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response().Add("content-encoding", "zstd"),
            ResponseBody = Scripts.Cut(new byte[] { 0x28, 0xB5, 0x2F, 0xFD, 1, 2, 3, 4 }, 4),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.Equal(502, result.Downstream.Status);
        Assert.NotNull(result.Downstream.LocalReply);
    }

    [Fact]
    public async Task CorruptGzipStreamedResponse_FailsClosedReset_NoUndecodedBytes()
    {
        var compressed = Compress(Scripts.Bytes(Scripts.SseWithKey), "gzip");
        for (var i = 30; i < 60; i++)
        {
            compressed[i] ^= 0x5A;
        }

        var result = await Conform.RunAsync(hush.Server.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response().Add("content-encoding", "gzip"),
            ResponseBody = Scripts.Cut(compressed, 20),
            Timeout = Scripts.PhaseTimeout,
        }, allAnswered: false);

        Assert.True(result.Downstream.Reset);
        Assert.StartsWith("ext_proc_error_gRPC_error_3{", result.Downstream.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Downstream.BodyChunks, chunk => chunk.AsSpan().IndexOf(compressed.AsSpan(0, 10)) >= 0);
        ProtocolChecks.AssertNoSecret(result.Downstream, TestPolicies.AwsKey);
    }

    [Fact]
    public async Task CorruptGzipBufferedResponse_FailsClosed500()
    {
        var compressed = Compress(Scripts.Bytes(Scripts.SseWithKey), "gzip");
        compressed[3] = 0xFF; // reserved flag bits set: an invalid gzip header
        var result = await Conform.RunAsync(hush.Server.Channel, With(Mode(BodyMode.None, BodyMode.Buffered)), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response().Add("content-encoding", "gzip"),
            ResponseBody = Scripts.Cut(compressed, 20),
            Timeout = Scripts.PhaseTimeout,
        }, allAnswered: false);

        Assert.Equal(500, result.Downstream.Status);
        Assert.NotNull(result.Downstream.LocalReply);
        ProtocolChecks.AssertNoSecret(result.Downstream, TestPolicies.AwsKey);
    }

    /// <summary>Compresses <paramref name="data"/> as HTTP <paramref name="encoding"/> (deflate = zlib format, RFC 9110).</summary>
    internal static byte[] Compress(byte[] data, string encoding)
    {
        using var output = new MemoryStream();
        using (Stream compressor = encoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true),
            "deflate" => new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true),
            "br" => new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
        })
        {
            compressor.Write(data);
        }

        return output.ToArray();
    }
}
