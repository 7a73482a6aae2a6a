using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Grpc.Core;
using Hush.EnvoyEmulator.Exchange;
using Hush.EnvoyEmulator.Filter;

namespace Hush.ExtProc.Tests.Conformance;

/// <summary>Runs one emulated exchange against a real Hush server and checks the protocol invariants on it.</summary>
internal static class Conform
{
    /// <summary>Hard guard for one whole exchange.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Runs <paramref name="script"/> through the emulated Envoy filter to the server behind <paramref name="channel"/>;
    /// asserts the exchange finished, no spurious answer or forbidden mutation, and (unless
    /// <paramref name="allAnswered"/> is false, for failure tests) every message answered once, in order.
    /// </summary>
    public static async Task<ExchangeResult> RunAsync(ChannelBase channel, ExtProcFilterConfig config, ExchangeScript script, bool allAnswered = true)
    {
        using var cts = new CancellationTokenSource(Guard);
        var result = await EmulatedExchange.RunAsync(channel, config, script, null, cts.Token).WaitAsync(Guard + TimeSpan.FromSeconds(10));
        Assert.True(result.Completed, $"exchange did not finish: {result.Counters}\n{ProtocolChecks.Describe(result.Transcript)}");
        ProtocolChecks.AssertClean(result.Transcript, result.Counters);
        ProtocolChecks.AssertAnsweredInOrder(
            result.Transcript,
            allAnswered,
            requestFullDuplex: config.ProcessingMode.RequestBodyMode == ProcessingMode.Types.BodySendMode.FullDuplexStreamed,
            responseFullDuplex: config.ProcessingMode.ResponseBodyMode == ProcessingMode.Types.BodySendMode.FullDuplexStreamed);
        return result;
    }

    /// <summary>The body messages of the response direction, in order.</summary>
    public static IReadOnlyList<Envoy.Service.ExtProc.V3.HttpBody> ResponseBodies(ExchangeResult result) =>
        [.. result.Sent.Where(r => r.ResponseBody is not null).Select(r => r.ResponseBody)];

    /// <summary>The body messages of the request direction, in order.</summary>
    public static IReadOnlyList<Envoy.Service.ExtProc.V3.HttpBody> RequestBodies(ExchangeResult result) =>
        [.. result.Sent.Where(r => r.RequestBody is not null).Select(r => r.RequestBody)];
}
