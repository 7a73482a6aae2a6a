using Grpc.Net.Client;
using Hush.EnvoyEmulator.Filter;
using Hush.ExtProc.Tests.Support;
using static Hush.ExtProc.Tests.Conformance.FilterConfigs;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;

namespace Hush.ExtProc.Tests.Conformance;

/// <summary>
/// Protocol notes §2.8: Hush's local replies reach the client cleanly while the response headers are held, and
/// messages Envoy had already pipelined in the other direction are a normal race, not a protocol error.
/// </summary>
public sealed class ImmediateResponseTests
{
    [Fact]
    public async Task ImmediateResponseWhileRequestChunksInFlight_Clean502_NotCountedAsProtocolError()
    {
        await using var hush = await HushTestServer.StartAsync(TestPolicies.GoldenBytes, "--Hush:CompressedBodies=Refuse");
        await using var relay = GatedRelay.Start(hush.GrpcAddress);
        using var channel = GrpcChannel.ForAddress(relay.Address);
        await using var x = new SteppedExchange(channel, With(Mode(BodyMode.Streamed, BodyMode.Streamed)));
        const string ProtocolErrors = "hush_errors_total{kind=\"protocol\"}";
        var before = MetricsScrape.Value(await MetricsScrape.ScrapeAsync(hush.Admin), ProtocolErrors);

        await x.Step(x.Filter.DecodeHeadersAsync(Scripts.Post(), endOfStream: false));
        await x.Step(x.Output.UpstreamHeadersSeen.Task);
        relay.Pause();
        await x.Step(x.Filter.EncodeHeadersAsync(Scripts.Response().Add("content-encoding", "gzip"), endOfStream: false));
        await x.Step(x.Filter.DecodeDataAsync(Scripts.Bytes("{\"prompt\":"), endOfStream: false));
        await x.Step(x.Filter.DecodeDataAsync(Scripts.Bytes("\"hi\"}"), endOfStream: true));
        await x.WaitSentAsync(4);
        relay.Resume();
        await x.Step(x.Filter.Completion);

        ProtocolChecks.AssertClean(x.Transcript.Entries, x.Counters);
        Assert.Equal(502, x.Downstream.Status);
        Assert.NotNull(x.Downstream.LocalReply);
        Assert.False(x.Downstream.Reset);
        await Eventually.TrueAsync(async () =>
            MetricsScrape.Value(await MetricsScrape.ScrapeAsync(hush.Admin), "hush_extproc_active_streams") == 0);
        var after = MetricsScrape.Value(await MetricsScrape.ScrapeAsync(hush.Admin), ProtocolErrors);
        Assert.True(after == before,
            $"{ProtocolErrors} went {before} -> {after}: request chunks Envoy sent before it read the immediate response were treated as a protocol violation");
    }
}
