using System.Text;
using System.Text.Json;
using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Envoy.Service.ExtProc.V3;
using Grpc.Core;
using Hush.ExtProc.Processing;
using Hush.ExtProc.Tests.Support;
using CsCheck;
using static Hush.ExtProc.Tests.Support.Messages;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;

namespace Hush.ExtProc.Tests.Processing;

public sealed class StreamProcessorTests
{
    [Fact]
    public void RequestHeaders_AcceptEncodingRemovedAndAnsweredOnce()
    {
        using var p = Processors.Create();
        var answers = p.Handle(RequestHeaders());
        var answer = Assert.Single(answers);
        Assert.Equal(ProcessingResponse.ResponseOneofCase.RequestHeaders, answer.ResponseCase);
        Assert.Equal(["accept-encoding"], answer.RequestHeaders.Response.HeaderMutation.RemoveHeaders);
        Assert.Empty(answer.RequestHeaders.Response.HeaderMutation.SetHeaders);
    }

    [Fact]
    public void RequestHeaders_StripDisabled_NoMutation()
    {
        using var p = Processors.Create(o => o.StripAcceptEncoding = false);
        var answer = Assert.Single(p.Handle(RequestHeaders()));
        Assert.Null(answer.RequestHeaders.Response.HeaderMutation);
    }

    [Fact]
    public void StreamedChunk_MatchFree_AnsweredWithoutMutation()
    {
        using var p = Processors.Create();
        p.Handle(RequestHeaders());
        p.Handle(ResponseHeaders());
        var answer = Assert.Single(p.Handle(ResponseBody("data: {\"content\":\"hello there\"}\n\n")));
        Assert.Equal(ProcessingResponse.ResponseOneofCase.ResponseBody, answer.ResponseCase);
        Assert.Null(answer.ResponseBody.Response.BodyMutation);
    }

    [Fact]
    public void StreamedChunks_SecretSplitAcrossChunks_MaskedAndNothingLost()
    {
        using var p = Processors.Create();
        p.Handle(RequestHeaders());
        p.Handle(ResponseHeaders());
        string[] chunks = ["data: key ", TestPolicies.AwsKey[..7], TestPolicies.AwsKey[7..], " end\n\n"];
        var released = new StringBuilder();
        for (var i = 0; i < chunks.Length; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(chunks[i]);
            var answer = Assert.Single(p.Handle(ResponseBody(bytes, endOfStream: i == chunks.Length - 1)));
            released.Append(Encoding.UTF8.GetString(Released(answer.ResponseBody, bytes)));
        }

        Assert.Equal($"data: key {TestPolicies.AwsMasked} end\n\n", released.ToString());
        Assert.Equal(1, p.MaskCount);
        Assert.True(p.Completed);
    }

    [Fact]
    public void StreamedChunks_RandomChunking_SameOutputAsWholeBody()
    {
        var text = Encoding.UTF8.GetBytes($"data: a {TestPolicies.AwsKey} b\n\ndata: password = \"Xk9#mQ2vL8pR4z\"\n\ndata: c {TestPolicies.AwsKey}\n\n");
        var expected = Processors.Golden.Response.MaskAll(text);
        Gen.Int[1, 12].Array[1, 40].Sample(sizes =>
        {
            using var p = Processors.Create();
            p.Handle(RequestHeaders());
            p.Handle(ResponseHeaders("text/plain"));
            var output = new List<byte>();
            var offset = 0;
            var k = 0;
            while (offset < text.Length)
            {
                var n = Math.Min(sizes[k++ % sizes.Length], text.Length - offset);
                var chunk = text[offset..(offset + n)];
                offset += n;
                var answer = Assert.Single(p.Handle(ResponseBody(chunk, endOfStream: offset == text.Length)));
                output.AddRange(Released(answer.ResponseBody, chunk));
            }

            Assert.Equal(expected, output.ToArray());
        }, iter: 200);
    }

    [Fact]
    public void InterleavedStreams_SharedOutputBuffer_EachStreamGetsItsOwnBytes()
    {
        // Released bytes land in one buffer per thread (BodyScanner): streams taking turns must not see each other's.
        var texts = new[]
        {
            Encoding.UTF8.GetBytes($"data: a {TestPolicies.AwsKey} b\n\ndata: tail\n\n"),
            Encoding.UTF8.GetBytes($"data: {{\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"x {TestPolicies.AwsKey} y\"}}}}]}}\n\n"),
            Encoding.UTF8.GetBytes(new string('z', 300) + " " + TestPolicies.AwsKey),
        };
        var types = new[] { "text/plain", "text/event-stream", "text/plain" };
        Gen.Int[1, 30].Array[3].Sample(sizes =>
        {
            var processors = texts.Select(_ => Processors.Create()).ToArray();
            var outputs = texts.Select(_ => new List<byte>()).ToArray();
            var offsets = new int[texts.Length];
            for (var i = 0; i < texts.Length; i++)
            {
                processors[i].Handle(RequestHeaders());
                processors[i].Handle(ResponseHeaders(types[i]));
            }

            while (offsets.Where((o, i) => o < texts[i].Length).Any())
            {
                for (var i = 0; i < texts.Length; i++)
                {
                    if (offsets[i] == texts[i].Length)
                    {
                        continue;
                    }

                    var n = Math.Min(sizes[i], texts[i].Length - offsets[i]);
                    var chunk = texts[i][offsets[i]..(offsets[i] + n)];
                    offsets[i] += n;
                    var answer = Assert.Single(processors[i].Handle(ResponseBody(chunk, endOfStream: offsets[i] == texts[i].Length)));
                    outputs[i].AddRange(Released(answer.ResponseBody, chunk));
                }
            }

            for (var i = 0; i < texts.Length; i++)
            {
                using var alone = Processors.Create();
                alone.Handle(RequestHeaders());
                alone.Handle(ResponseHeaders(types[i]));
                var whole = Assert.Single(alone.Handle(ResponseBody(texts[i], endOfStream: true)));
                Assert.Equal(Released(whole.ResponseBody, texts[i]), outputs[i].ToArray());
                Assert.DoesNotContain(TestPolicies.AwsKey, Encoding.UTF8.GetString(outputs[i].ToArray()), StringComparison.Ordinal);
                processors[i].Dispose();
            }
        }, iter: 50);
    }

    [Fact]
    public void BufferedBody_Masked_ContentLengthFixed()
    {
        using var p = Processors.Create();
        p.Handle(RequestHeaders(responseMode: BodyMode.Buffered));
        var body = $"{{\"content\":\"{TestPolicies.AwsKey}\"}}";
        p.Handle(ResponseHeaders("application/json", false, ("content-length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var answer = Assert.Single(p.Handle(ResponseBody(body, endOfStream: true)));
        var common = answer.ResponseBody.Response;
        var masked = common.BodyMutation.Body.ToStringUtf8();
        Assert.Equal($"{{\"content\":\"{TestPolicies.AwsMasked}\"}}", masked);
        var length = Assert.Single(common.HeaderMutation.SetHeaders);
        Assert.Equal("content-length", length.Header.Key);
        Assert.Equal(Encoding.UTF8.GetByteCount(masked).ToString(System.Globalization.CultureInfo.InvariantCulture), length.Header.RawValue.ToStringUtf8());
        Assert.Empty(length.Header.Value);
    }

    [Fact]
    public void BufferedBody_OverLimit_Immediate413WithOpenAiJsonError()
    {
        using var p = Processors.Create(o => o.MaxBufferedBodyBytes = 16);
        p.Handle(RequestHeaders(responseMode: BodyMode.Buffered));
        p.Handle(ResponseHeaders("application/json"));
        var answer = Assert.Single(p.Handle(ResponseBody(new string('x', 17), endOfStream: true)));
        Assert.Equal(ProcessingResponse.ResponseOneofCase.ImmediateResponse, answer.ResponseCase);
        Assert.Equal(Envoy.Type.V3.StatusCode.PayloadTooLarge, answer.ImmediateResponse.Status.Code);
        using var json = JsonDocument.Parse(answer.ImmediateResponse.Body.Memory);
        Assert.Equal("hush_payload_too_large", json.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains(answer.ImmediateResponse.Headers.SetHeaders, h => h.Header.Key == "content-type" && h.Header.RawValue.ToStringUtf8() == "application/json");
        Assert.True(p.Terminated);
        Assert.Empty(p.Handle(ResponseTrailers()));
    }

    [Fact]
    public void BufferedPartial_BodyWithoutEndOfStream_RefusedBecauseTheRestWouldPassUnscanned()
    {
        using var p = Processors.Create();
        p.Handle(RequestHeaders(responseMode: BodyMode.BufferedPartial));
        p.Handle(ResponseHeaders("application/json"));
        var answer = Assert.Single(p.Handle(ResponseBody("partial", endOfStream: false)));
        Assert.Equal(Envoy.Type.V3.StatusCode.PayloadTooLarge, answer.ImmediateResponse.Status.Code);
    }

    [Fact]
    public void FullDuplex_ChunksAnsweredWithStreamedResponse_FlushedAtEndOfStream()
    {
        using var p = Processors.Create();
        p.Handle(RequestHeaders(responseMode: BodyMode.FullDuplexStreamed));
        p.Handle(ResponseHeaders());
        var first = Assert.Single(p.Handle(ResponseBody("key " + TestPolicies.AwsKey[..10])));
        var last = Assert.Single(p.Handle(ResponseBody(TestPolicies.AwsKey[10..] + " end", endOfStream: true)));
        var a = first.ResponseBody.Response.BodyMutation.StreamedResponse;
        var b = last.ResponseBody.Response.BodyMutation.StreamedResponse;
        Assert.False(a.EndOfStream);
        Assert.True(b.EndOfStream);
        Assert.Equal($"key {TestPolicies.AwsMasked} end", a.Body.ToStringUtf8() + b.Body.ToStringUtf8());
    }

    [Fact]
    public void FullDuplex_TrailersEndTheBody_HeldBytesFlushedBeforeTrailersAnswer()
    {
        using var p = Processors.Create();
        p.Handle(RequestHeaders(responseMode: BodyMode.FullDuplexStreamed));
        p.Handle(ResponseHeaders());
        var first = Assert.Single(p.Handle(ResponseBody("tail " + TestPolicies.AwsKey)));
        var answers = p.Handle(ResponseTrailers());
        Assert.Equal(2, answers.Count);
        Assert.Equal(ProcessingResponse.ResponseOneofCase.ResponseBody, answers[0].ResponseCase);
        Assert.Equal(ProcessingResponse.ResponseOneofCase.ResponseTrailers, answers[1].ResponseCase);
        var text = first.ResponseBody.Response.BodyMutation.StreamedResponse.Body.ToStringUtf8()
            + answers[0].ResponseBody.Response.BodyMutation.StreamedResponse.Body.ToStringUtf8();
        Assert.Equal($"tail {TestPolicies.AwsMasked}", text);
    }

    [Fact]
    public void FullDuplex_RedeliveredFinalChunk_IgnoredWithoutAnswer()
    {
        using var p = Processors.Create();
        p.Handle(RequestHeaders(responseMode: BodyMode.FullDuplexStreamed));
        p.Handle(ResponseHeaders());
        Assert.Single(p.Handle(ResponseBody("done", endOfStream: true)));
        Assert.Empty(p.Handle(ResponseBody("done", endOfStream: true)));
    }

    [Fact]
    public void Streamed_TrailersWithHeldBytes_FailClosed()
    {
        using var p = Processors.Create();
        p.Handle(RequestHeaders());
        p.Handle(ResponseHeaders());
        var answer = Assert.Single(p.Handle(ResponseBody("tail " + TestPolicies.AwsKey[..12])));
        Assert.NotNull(answer.ResponseBody.Response.BodyMutation);
        var failure = Assert.Throws<ExtProcFailure>(() => p.Handle(ResponseTrailers()));
        Assert.Equal(StatusCode.ResourceExhausted, failure.Status);
        Assert.Contains("held-back", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestPolicies.AwsKey[..12], failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Streamed_TrailersWithNothingHeld_Answered()
    {
        using var p = Processors.Create();
        p.Handle(RequestHeaders());
        p.Handle(ResponseHeaders("text/plain"));
        p.Handle(ResponseBody("all clear\n"));
        var answer = Assert.Single(p.Handle(ResponseTrailers()));
        Assert.Equal(ProcessingResponse.ResponseOneofCase.ResponseTrailers, answer.ResponseCase);
        Assert.True(p.Completed);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("body-before-headers")]
    [InlineData("headers-twice")]
    [InlineData("body-after-eos")]
    [InlineData("trailers-before-headers")]
    [InlineData("observability")]
    public void MalformedSequence_FailsWithProtocolError(string kind)
    {
        using var p = Processors.Create();
        var failure = Assert.Throws<ExtProcFailure>(() =>
        {
            switch (kind)
            {
                case "none":
                    p.Handle(new ProcessingRequest());
                    break;
                case "body-before-headers":
                    p.Handle(RequestHeaders());
                    p.Handle(ResponseBody("x"));
                    break;
                case "headers-twice":
                    p.Handle(RequestHeaders());
                    p.Handle(RequestHeaders());
                    break;
                case "body-after-eos":
                    p.Handle(RequestHeaders());
                    p.Handle(ResponseHeaders());
                    p.Handle(ResponseBody("x", endOfStream: true));
                    p.Handle(ResponseBody("y"));
                    break;
                case "trailers-before-headers":
                    p.Handle(RequestHeaders());
                    p.Handle(ResponseTrailers());
                    break;
                case "observability":
                    var message = RequestHeaders();
                    message.ObservabilityMode = true;
                    p.Handle(message);
                    break;
            }
        });
        Assert.Equal("protocol", failure.Kind);
        Assert.Equal(StatusCode.FailedPrecondition, failure.Status);
    }

    [Fact]
    public void BinaryContentType_ModeOverrideSkipsBodyAndRestatesOtherDirection()
    {
        using var p = Processors.Create();
        p.Handle(RequestHeaders(requestMode: BodyMode.Buffered, endOfStream: false));
        p.Handle(RequestBody("{}"));
        var answer = Assert.Single(p.Handle(ResponseHeaders("image/png")));
        Assert.NotNull(answer.ModeOverride);
        Assert.Equal(BodyMode.None, answer.ModeOverride.ResponseBodyMode);
        Assert.Equal(BodyMode.Buffered, answer.ModeOverride.RequestBodyMode);
        Assert.Equal(ProcessingMode.Types.HeaderSendMode.Default, answer.ModeOverride.ResponseTrailerMode);
        var chunk = Assert.Single(p.Handle(ResponseBody(new byte[] { 0x89, 0x50, 0x4e, 0x47 }, endOfStream: true)));
        Assert.Null(chunk.ResponseBody.Response.BodyMutation);
    }

    [Fact]
    public void BinaryContentType_BodyWithoutWaiting_NoOverrideBecauseEnvoyWouldIgnoreIt()
    {
        using var p = Processors.Create();
        p.Handle(RequestHeaders(withoutWaiting: true));
        var answer = Assert.Single(p.Handle(ResponseHeaders("audio/mpeg")));
        Assert.Null(answer.ModeOverride);
    }

    [Theory]
    [InlineData("image/svg+xml")]
    [InlineData("application/ld+json")]
    public void StructuredTextSubtype_ScannedEvenUnderSkippedPrefix(string contentType)
    {
        using var p = Processors.Create();
        p.Handle(RequestHeaders());
        Assert.Null(Assert.Single(p.Handle(ResponseHeaders(contentType))).ModeOverride);
        var answer = Assert.Single(p.Handle(ResponseBody("<svg><!-- " + TestPolicies.AwsKey + " --></svg>", endOfStream: true)));
        Assert.Contains(TestPolicies.AwsMasked, answer.ResponseBody.Response.BodyMutation.Body.ToStringUtf8(), StringComparison.Ordinal);
    }

    [Fact]
    public void TextContentType_NoModeOverride()
    {
        using var p = Processors.Create();
        p.Handle(RequestHeaders());
        Assert.Null(Assert.Single(p.Handle(ResponseHeaders("text/event-stream"))).ModeOverride);
    }

    [Fact]
    public void HeldBackOverLimit_FailsClosedWithLimitError()
    {
        var policy = TestPolicies.FromBytes(TestPolicies.LongHoldBytes);
        using var p = Processors.Create(o => o.MaxHeldBackBytes = 1024, policy);
        p.Handle(RequestHeaders());
        p.Handle(ResponseHeaders("text/plain"));
        p.Handle(ResponseBody("BEGINSECRET" + new string('q', 500)));
        var failure = Assert.Throws<ExtProcFailure>(() => p.Handle(ResponseBody(new string('q', 1000))));
        Assert.Equal("limit", failure.Kind);
        Assert.Contains("MaxHeldBackBytes", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PassThrough_AnswersWithoutScanning()
    {
        using var p = Processors.Create(o => o.PassThrough = o.AllowPassThrough = true);
        p.Handle(RequestHeaders());
        p.Handle(ResponseHeaders());
        var answer = Assert.Single(p.Handle(ResponseBody(TestPolicies.AwsKey, endOfStream: true)));
        Assert.Null(answer.ResponseBody.Response.BodyMutation);
    }

    [Fact]
    public void RequestMaskingOff_RequestBodyPassesUnchangedResponseStillMasked()
    {
        using var p = Processors.Create(o => o.MaskRequests = false);
        p.Handle(RequestHeaders(requestMode: BodyMode.Buffered, endOfStream: false, extra: ("content-encoding", "gzip")));
        var request = Assert.Single(p.Handle(RequestBody($"{{\"prompt\":\"{TestPolicies.AwsKey}\"}}")));
        Assert.Null(request.RequestBody.Response.BodyMutation);
        p.Handle(ResponseHeaders("text/plain"));
        var response = Assert.Single(p.Handle(ResponseBody(TestPolicies.AwsKey, endOfStream: true)));
        Assert.Equal(TestPolicies.AwsMasked, response.ResponseBody.Response.BodyMutation.Body.ToStringUtf8());
    }

    [Fact]
    public void RequestBody_MaskedWithRequestDirectionRules()
    {
        using var p = Processors.Create();
        p.Handle(RequestHeaders(requestMode: BodyMode.Buffered, endOfStream: false, extra: ("content-length", "40")));
        var answer = Assert.Single(p.Handle(RequestBody($"{{\"prompt\":\"{TestPolicies.AwsKey}\"}}")));
        Assert.Equal(ProcessingResponse.ResponseOneofCase.RequestBody, answer.ResponseCase);
        Assert.Contains(TestPolicies.AwsMasked, answer.RequestBody.Response.BodyMutation.Body.ToStringUtf8(), StringComparison.Ordinal);
    }
}
