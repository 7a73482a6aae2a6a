using Hush.EnvoyEmulator.Exchange;
using Hush.ExtProc.Tests.Support;
using static Hush.ExtProc.Tests.Conformance.FilterConfigs;

namespace Hush.ExtProc.Tests.Conformance;

/// <summary>Many ext_proc streams multiplexed over one HTTP/2 connection, as Envoy does (§2.1): no cross-talk.</summary>
public sealed class ConcurrencyTests(GoldenHushFixture hush) : IClassFixture<GoldenHushFixture>
{
    [Fact]
    public async Task TwentyConcurrentExchanges_OneConnection_EachMaskedIndependently()
    {
        var tasks = Enumerable.Range(0, 20).Select(async i =>
        {
            var text = $"data: stream {i} begins\n\n" + Scripts.SseWithKey + $"data: stream {i} ends\n\n";
            var result = await Conform.RunAsync(hush.Server.Channel, EnvoyYaml(), new ExchangeScript
            {
                RequestHeaders = Scripts.Post(),
                RequestBody = Scripts.One(Scripts.PromptWithKey),
                ResponseHeaders = Scripts.Response(),
                ResponseBody = Scripts.Cut(text, 3 + (i % 9)),
                ConnectionId = (ulong)i,
                Timeout = Scripts.PhaseTimeout,
            });
            Assert.Equal(text.Replace(TestPolicies.AwsKey, TestPolicies.AwsMasked, StringComparison.Ordinal), result.Downstream.BodyText);
            Assert.DoesNotContain(TestPolicies.AwsKey, System.Text.Encoding.UTF8.GetString(result.Upstream.Body), StringComparison.Ordinal);
        });

        await Task.WhenAll(tasks).WaitAsync(Conform.Guard);
    }
}
