using Grpc.Net.Client;
using Hush.EnvoyEmulator.Filter;
using Hush.ExtProc.Tests.Support;
using static Hush.ExtProc.Tests.Conformance.FilterConfigs;
using Answer = Envoy.Service.ExtProc.V3.ProcessingResponse.ResponseOneofCase;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;
using Kind = Envoy.Service.ExtProc.V3.ProcessingRequest.RequestOneofCase;

namespace Hush.ExtProc.Tests.Conformance;

/// <summary>
/// Protocol notes §5 themes 2 and 16: body data that arrives while the headers answer is outstanding (coalesced,
/// or the whole body with BUFFERED semantics), and send_body_without_waiting_for_header_response. The relay holds
/// Hush's answers so the data provably arrives before the headers answer.
/// </summary>
public sealed class EarlyDataTests(GoldenHushFixture hush) : IClassFixture<GoldenHushFixture>
{
    private static readonly byte[] s_body = Scripts.Bytes(Scripts.SseWithKey);

    [Fact]
    public async Task DataBeforeHeadersAnswer_CoalescedIntoOneChunk_Masked()
    {
        await using var relay = GatedRelay.Start(hush.Server.GrpcAddress);
        using var channel = GrpcChannel.ForAddress(relay.Address);
        await using var x = new SteppedExchange(channel, EnvoyYaml());
        await x.GetThroughAsync();

        relay.Pause();
        await x.Step(x.Filter.EncodeHeadersAsync(Scripts.Response(), endOfStream: false));
        await x.Step(x.Filter.EncodeDataAsync(s_body.AsMemory(0, 30), endOfStream: false));
        await x.Step(x.Filter.EncodeDataAsync(s_body.AsMemory(30, 30), endOfStream: false));
        await x.WaitSentAsync(2);
        Assert.Empty(x.IndexesOfSent(Kind.ResponseBody));
        relay.Resume();
        await x.Step(x.Filter.WhenIdleAsync(TrafficDirection.Response));
        await x.Step(x.Filter.EncodeDataAsync(s_body.AsMemory(60), endOfStream: true));
        await x.CompleteAndCheckAsync();

        var bodies = x.Transcript.Sent.Where(r => r.RequestCase == Kind.ResponseBody).Select(r => r.ResponseBody).ToList();
        Assert.Equal(2, bodies.Count);
        Assert.Equal(60, bodies[0].Body.Length);
        Assert.False(bodies[0].EndOfStream);
        Assert.Equal(Scripts.SseMasked, x.Downstream.BodyText);
        ProtocolChecks.AssertNoSecret(x.Downstream, TestPolicies.AwsKey);
    }

    [Fact]
    public async Task WholeBodyBeforeHeadersAnswer_OneMessageBufferedSemantics_Masked()
    {
        await using var relay = GatedRelay.Start(hush.Server.GrpcAddress);
        using var channel = GrpcChannel.ForAddress(relay.Address);
        await using var x = new SteppedExchange(channel, EnvoyYaml());
        await x.GetThroughAsync();

        relay.Pause();
        await x.Step(x.Filter.EncodeHeadersAsync(Scripts.Response(contentLength: s_body.Length), endOfStream: false));
        await x.Step(x.Filter.EncodeDataAsync(s_body.AsMemory(0, 50), endOfStream: false));
        await x.Step(x.Filter.EncodeDataAsync(s_body.AsMemory(50), endOfStream: true));
        await x.WaitSentAsync(2);
        relay.Resume();
        await x.CompleteAndCheckAsync();

        var body = Assert.Single(x.Transcript.Sent, r => r.RequestCase == Kind.ResponseBody).ResponseBody;
        Assert.True(body.EndOfStream);
        Assert.Equal(s_body, body.Body.ToByteArray());
        Assert.Equal(200, x.Downstream.Status);
        Assert.Equal(Scripts.SseMasked, x.Downstream.BodyText);
        Assert.Null(x.Downstream.LocalReply);
    }

    [Fact]
    public async Task SendBodyWithoutWaiting_ChunksBeforeHeadersAnswer_AnsweredInOrderNoModeOverride()
    {
        await using var relay = GatedRelay.Start(hush.Server.GrpcAddress);
        using var channel = GrpcChannel.ForAddress(relay.Address);
        await using var x = new SteppedExchange(channel, WithoutWaiting());
        await x.GetThroughAsync();

        relay.Pause();
        await x.Step(x.Filter.EncodeHeadersAsync(Scripts.Response(), endOfStream: false));
        var sizes = 0;
        for (var offset = 0; offset < s_body.Length; offset += 9)
        {
            var end = Math.Min(s_body.Length, offset + 9);
            await x.Step(x.Filter.EncodeDataAsync(s_body.AsMemory(offset, end - offset), endOfStream: end == s_body.Length));
            sizes++;
        }

        await x.WaitSentAsync(2 + sizes);
        Assert.Empty(x.IndexesOfReceived(Answer.ResponseHeaders));
        relay.Resume();
        await x.CompleteAndCheckAsync();

        Assert.True(x.IndexesOfSent(Kind.ResponseBody)[^1] < x.IndexesOfReceived(Answer.ResponseHeaders)[0]);
        Assert.All(x.Transcript.Received, r => Assert.Null(r.ModeOverride));
        Assert.Equal(Scripts.SseMasked, x.Downstream.BodyText);
        ProtocolChecks.AssertNoSecret(x.Downstream, TestPolicies.AwsKey);
    }

    [Fact]
    public async Task SendBodyWithoutWaiting_BinaryContentType_NoModeOverrideBytesUnchanged()
    {
        var config = WithoutWaiting();
        var png = BinaryBody();
        var result = await Conform.RunAsync(hush.Server.Channel, config, new Hush.EnvoyEmulator.Exchange.ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response("image/png"),
            ResponseBody = Scripts.Cut(png, 64),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.All(result.Received, r => Assert.Null(r.ModeOverride));
        Assert.Equal(png, result.Downstream.Body);
    }

    /// <summary>STREAMED response with send_body_without_waiting_for_header_response (Envoy then ignores mode_override).</summary>
    private static ExtProcFilterConfig WithoutWaiting() => new()
    {
        ProcessingMode = Mode(BodyMode.None, BodyMode.Streamed),
        MessageTimeout = LongTimeout,
        SendBodyWithoutWaitingForHeaderResponse = true,
        AllowModeOverride = true,
    };

    /// <summary>A PNG-like binary body that also carries the key bytes (skipped bodies are not scanned).</summary>
    internal static byte[] BinaryBody()
    {
        var random = new Random(7);
        var bytes = new byte[600];
        random.NextBytes(bytes);
        byte[] magic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        magic.CopyTo(bytes, 0);
        return bytes;
    }
}
