using Hush.EnvoyEmulator.Exchange;
using Hush.ExtProc.Tests.Support;
using static Hush.ExtProc.Tests.Conformance.FilterConfigs;

namespace Hush.ExtProc.Tests.Conformance;

/// <summary>Protocol notes §2.5: with Envoy's default 200 ms message_timeout, Hush answers every chunk in time.</summary>
public sealed class TimeoutTests(GoldenHushFixture hush) : IClassFixture<GoldenHushFixture>
{
    [Fact]
    public async Task DefaultMessageTimeout_200ChunkStream_NoTimeoutFires()
    {
        // Envoy's real default timer (200 ms, restarted per chunk); the assertion is only that it never fired.
        // Warm-up first: the first stream on a fresh server pays for the h2c connection and JIT, which on this
        // loaded machine can exceed 200 ms (envoy.yaml uses 2 s); steady-state answers are the subject here.
        await Conform.RunAsync(hush.Server.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response(),
            ResponseBody = Scripts.Cut(Scripts.SseWithKey, 5),
            Timeout = Scripts.PhaseTimeout,
        });
        var body = Scripts.Bytes(string.Concat(Enumerable.Repeat(Scripts.SseWithKey, 20)));
        var chunks = Scripts.Cut(body, (body.Length / 200) + 1);
        var result = await Conform.RunAsync(hush.Server.Channel, EnvoyYaml(TimeSpan.FromMilliseconds(200)), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response(),
            ResponseBody = chunks,
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.True(chunks.Count >= 190, $"{chunks.Count} chunks");
        Assert.Equal(0, result.Counters.MessageTimeouts);
        Assert.Null(result.Downstream.LocalReply);
        Assert.Equal(200, result.Downstream.Status);
        Assert.Equal(Scripts.MaskWhole(body), result.Downstream.Body);
        ProtocolChecks.AssertNoSecret(result.Downstream, TestPolicies.AwsKey);
    }
}
