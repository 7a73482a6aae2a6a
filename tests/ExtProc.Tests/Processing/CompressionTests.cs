using System.IO.Compression;
using System.Text;
using Envoy.Service.ExtProc.V3;
using Hush.ExtProc.Hosting;
using Hush.ExtProc.Processing;
using Hush.ExtProc.Tests.Support;
using static Hush.ExtProc.Tests.Support.Messages;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;

namespace Hush.ExtProc.Tests.Processing;

public sealed class CompressionTests
{
    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public void CompressedStreamedResponse_DecodedMaskedAndSentUncompressed(string encoding)
    {
        var text = $"data: one {TestPolicies.AwsKey} two\n\n" + string.Concat(Enumerable.Repeat("data: filler text\n\n", 50));
        var compressed = Compress(encoding, Encoding.UTF8.GetBytes(text));
        using var p = Processors.Create();
        p.Handle(RequestHeaders());
        var headers = Assert.Single(p.Handle(ResponseHeaders("text/event-stream", false, ("content-encoding", encoding), ("content-length", "123"))));
        var removed = headers.ResponseHeaders.Response.HeaderMutation.RemoveHeaders;
        Assert.Contains("content-encoding", removed);
        Assert.Contains("content-length", removed);

        var output = new List<byte>();
        for (var offset = 0; offset < compressed.Length; offset += 7)
        {
            var chunk = compressed[offset..Math.Min(offset + 7, compressed.Length)];
            var answer = Assert.Single(p.Handle(ResponseBody(chunk, endOfStream: offset + 7 >= compressed.Length)));
            output.AddRange(Released(answer.ResponseBody, chunk));
        }

        Assert.Equal(text.Replace(TestPolicies.AwsKey, TestPolicies.AwsMasked, StringComparison.Ordinal), Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void CompressedBufferedResponse_DecodedWithContentLengthOfDecodedBody()
    {
        var text = $"{{\"content\":\"{TestPolicies.AwsKey}\"}}";
        var compressed = Compress("gzip", Encoding.UTF8.GetBytes(text));
        using var p = Processors.Create();
        p.Handle(RequestHeaders(responseMode: BodyMode.Buffered));
        p.Handle(ResponseHeaders("application/json", false, ("content-encoding", "gzip")));
        var answer = Assert.Single(p.Handle(ResponseBody(compressed, endOfStream: true)));
        var body = answer.ResponseBody.Response.BodyMutation.Body;
        Assert.Equal($"{{\"content\":\"{TestPolicies.AwsMasked}\"}}", body.ToStringUtf8());
        Assert.Equal(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Assert.Single(answer.ResponseBody.Response.HeaderMutation.SetHeaders).Header.RawValue.ToStringUtf8());
    }

    [Theory]
    [InlineData("zstd", false)]
    [InlineData("gzip, br", false)]
    [InlineData("gzip", true)]
    public void UnscannableEncoding_RefusedWith502(string encoding, bool refuseSetting)
    {
        using var p = Processors.Create(o => o.CompressedBodies = refuseSetting ? CompressedBodyHandling.Refuse : CompressedBodyHandling.Decompress);
        p.Handle(RequestHeaders());
        var answer = Assert.Single(p.Handle(ResponseHeaders("text/event-stream", false, ("content-encoding", encoding))));
        Assert.Equal(ProcessingResponse.ResponseOneofCase.ImmediateResponse, answer.ResponseCase);
        Assert.Equal(Envoy.Type.V3.StatusCode.BadGateway, answer.ImmediateResponse.Status.Code);
        Assert.Contains("hush_unscannable_encoding", answer.ImmediateResponse.Body.ToStringUtf8(), StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptGzip_FailsClosedWithDecompressionError()
    {
        using var p = Processors.Create();
        p.Handle(RequestHeaders());
        p.Handle(ResponseHeaders("text/plain", false, ("content-encoding", "gzip")));
        var failure = Assert.Throws<ExtProcFailure>(() => p.Handle(ResponseBody(Encoding.ASCII.GetBytes("this is not gzip at all"), endOfStream: true)));
        Assert.Equal("decompression", failure.Kind);
    }

    private static byte[] Compress(string encoding, byte[] data)
    {
        using var output = new MemoryStream();
        using (Stream z = encoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
            "deflate" => new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true),
            _ => new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true),
        })
        {
            z.Write(data);
        }

        return output.ToArray();
    }
}
