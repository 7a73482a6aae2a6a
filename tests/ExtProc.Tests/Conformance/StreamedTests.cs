using Grpc.Net.Client;
using Hush.EnvoyEmulator.Exchange;
using Hush.ExtProc.Tests.Support;
using static Hush.ExtProc.Tests.Conformance.FilterConfigs;
using Answer = Envoy.Service.ExtProc.V3.ProcessingResponse.ResponseOneofCase;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;
using Kind = Envoy.Service.ExtProc.V3.ProcessingRequest.RequestOneofCase;

namespace Hush.ExtProc.Tests.Conformance;

/// <summary>Protocol notes §5 theme 5 and §2.3 STREAMED: pipelined chunks, secrets split across chunk boundaries.</summary>
public sealed class StreamedTests(GoldenHushFixture hush) : IClassFixture<GoldenHushFixture>
{
    [Theory]
    [InlineData(10)] // the key straddles 2 chunks
    [InlineData(7)] // 3 chunks
    [InlineData(3)] // many chunks
    [InlineData(1)] // one byte per chunk
    public async Task SecretSplitAcrossChunks_DownstreamGetsMaskedBodyNeverTheSecret(int chunkSize)
    {
        var chunks = Scripts.Cut(Scripts.SseWithKey, chunkSize);
        var result = await Conform.RunAsync(hush.Server.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response(),
            ResponseBody = chunks,
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.Equal(chunks.Count, Conform.ResponseBodies(result).Count);
        Assert.Equal(Scripts.SseMasked, result.Downstream.BodyText);
        ProtocolChecks.AssertNoSecret(result.Downstream, TestPolicies.AwsKey);
        Assert.True(result.Downstream.EndOfStream);
    }

    [Fact]
    public async Task ManyChunksPipelined_AllSentBeforeAnyAnswer_AnsweredInOrderAndMasked()
    {
        const int Chunks = 100;
        await using var relay = GatedRelay.Start(hush.Server.GrpcAddress);
        using var channel = GrpcChannel.ForAddress(relay.Address);
        await using var x = new SteppedExchange(channel, EnvoyYaml());
        var body = Scripts.Bytes(string.Concat(Enumerable.Repeat(Scripts.SseWithKey, 8)));
        var size = Math.Max(1, body.Length / Chunks);

        await x.GetThroughAsync();
        await x.Step(x.Filter.EncodeHeadersAsync(Scripts.Response(), endOfStream: false));
        await x.Step(x.Filter.WhenIdleAsync(Hush.EnvoyEmulator.Filter.TrafficDirection.Response));
        relay.Pause();
        var sent = 0;
        for (var offset = 0; offset < body.Length; offset += size)
        {
            var end = Math.Min(body.Length, offset + size);
            await x.Step(x.Filter.EncodeDataAsync(body.AsMemory(offset, end - offset), endOfStream: end == body.Length));
            sent++;
        }

        await x.WaitSentAsync(2 + sent);
        Assert.Empty(x.IndexesOfReceived(Answer.ResponseBody));
        relay.Resume();
        await x.CompleteAndCheckAsync();

        Assert.True(sent >= Chunks, $"{sent} chunks");
        Assert.True(x.IndexesOfSent(Kind.ResponseBody)[^1] < x.IndexesOfReceived(Answer.ResponseBody)[0],
            "every chunk was sent before the first answer arrived");
        Assert.Equal(sent, x.IndexesOfReceived(Answer.ResponseBody).Count);
        Assert.Equal(Scripts.MaskWhole(body), x.Downstream.Body);
        ProtocolChecks.AssertNoSecret(x.Downstream, TestPolicies.AwsKey);
    }

    [Fact]
    public async Task ManyChunksOverEnvoyBufferLimit_FlowControlled_AllAnsweredAndMasked()
    {
        var body = Scripts.Bytes(string.Concat(Enumerable.Repeat(Scripts.SseWithKey, 40)));
        var result = await Conform.RunAsync(hush.Server.Channel, With(Mode(responseBody: BodyMode.Streamed), bufferLimitBytes: 1024), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response(),
            ResponseBody = Scripts.Cut(body, 97),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.True(body.Length > 4 * 1024);
        Assert.Equal(Scripts.MaskWhole(body), result.Downstream.Body);
        ProtocolChecks.AssertNoSecret(result.Downstream, TestPolicies.AwsKey);
    }

    [Fact]
    public async Task LargeChunksPipelined_NoHttp2FlowControlStall_Masked()
    {
        // 40 × 64 KiB in flight both ways: Hush must keep reading while its answers fill the HTTP/2 windows.
        var block = Scripts.Bytes(new string('q', 64 * 1024 - 64) + "\n");
        var body = new List<byte>();
        for (var i = 0; i < 40; i++)
        {
            body.AddRange(block);
            if (i == 20)
            {
                body.AddRange(Scripts.Bytes(Scripts.SseWithKey));
            }
        }

        var bytes = body.ToArray();
        var result = await Conform.RunAsync(hush.Server.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response(),
            ResponseBody = Scripts.Cut(bytes, 64 * 1024),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.Equal(Scripts.MaskWhole(bytes), result.Downstream.Body);
        ProtocolChecks.AssertNoSecret(result.Downstream, TestPolicies.AwsKey);
    }

    [Fact]
    public async Task EmptyFinalChunk_FlushesHeldTail()
    {
        // The body ends with the key itself: it can only be released (masked) by the empty end_of_stream chunk.
        var text = "data: key " + TestPolicies.AwsKey;
        var result = await Conform.RunAsync(hush.Server.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response(),
            ResponseBody = [.. Scripts.Cut(text, 8), ScriptChunk.Empty()],
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.True(Conform.ResponseBodies(result)[^1].EndOfStream);
        Assert.Equal(0, Conform.ResponseBodies(result)[^1].Body.Length);
        Assert.Equal("data: key " + TestPolicies.AwsMasked, result.Downstream.BodyText);
        ProtocolChecks.AssertNoSecret(result.Downstream, TestPolicies.AwsKey);
    }

    [Fact]
    public async Task StreamedBody_ContentLengthStrippedDownstream()
    {
        var body = Scripts.Bytes(Scripts.SseWithKey);
        var result = await Conform.RunAsync(hush.Server.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response(contentLength: body.Length),
            ResponseBody = Scripts.Cut(body, 25),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.Equal(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            result.Sent[1].ResponseHeaders.Headers.Headers.Single(h => h.Key == "content-length").RawValue.ToStringUtf8());
        Assert.False(result.Downstream.Headers!.Contains("content-length"), "STREAMED must reach the downstream chunked");
        Assert.Equal(Scripts.SseMasked, result.Downstream.BodyText);
    }
}
