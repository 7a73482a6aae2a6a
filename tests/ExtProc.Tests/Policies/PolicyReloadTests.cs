using System.Text;
using Envoy.Service.ExtProc.V3;
using Hush.ExtProc.Tests.Support;
using static Hush.ExtProc.Tests.Support.Messages;

namespace Hush.ExtProc.Tests.Policies;

public sealed class PolicyReloadTests
{
    [Fact]
    public async Task Reload_NewArtifact_NewStreamsUseItWhileInFlightStreamKeepsItsPolicy()
    {
        await using var server = await HushTestServer.StartAsync(TestPolicies.GoldenBytes);
        using var inFlight = new ExtProcCall(server.Channel);
        await inFlight.ExchangeAsync(RequestHeaders());
        await inFlight.ExchangeAsync(ResponseHeaders());

        // The long-hold policy has no AWS rule: after the swap new streams let the key through.
        await File.WriteAllBytesAsync(server.PolicyPath + ".tmp", TestPolicies.LongHoldBytes).WaitAsync(TimeSpan.FromSeconds(10));
        File.Move(server.PolicyPath + ".tmp", server.PolicyPath, overwrite: true);
        await Eventually.TrueAsync(async () =>
            (await server.Admin.GetStringAsync(new Uri("/readyz", UriKind.Relative))).Contains("long-hold", StringComparison.Ordinal));

        var old = await inFlight.ExchangeAsync(ResponseBody($"k {TestPolicies.AwsKey}\n", endOfStream: true));
        Assert.Equal($"k {TestPolicies.AwsMasked}\n", Encoding.UTF8.GetString(Released(old.ResponseBody, Encoding.UTF8.GetBytes($"k {TestPolicies.AwsKey}\n"))));

        using var fresh = new ExtProcCall(server.Channel);
        await fresh.ExchangeAsync(RequestHeaders());
        await fresh.ExchangeAsync(ResponseHeaders());
        var answer = await fresh.ExchangeAsync(ResponseBody($"k {TestPolicies.AwsKey}\n", endOfStream: true));
        Assert.Null(answer.ResponseBody.Response.BodyMutation);
        var metrics = await MetricsScrape.ScrapeAsync(server.Admin);
        Assert.Contains("hush_policy_info{name=\"long-hold\"", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("hush_policy_info{name=\"golden\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_BadArtifact_OldPolicyKeepsServingAndErrorCounted()
    {
        await using var server = await HushTestServer.StartAsync(TestPolicies.GoldenBytes);
        var before = MetricsScrape.Value(await MetricsScrape.ScrapeAsync(server.Admin), "hush_policy_reloads_total{result=\"error\"}");
        var bad = TestPolicies.LongHoldBytes;
        bad[^1] ^= 0xff;
        await File.WriteAllBytesAsync(server.PolicyPath, bad).WaitAsync(TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(async () =>
            MetricsScrape.Value(await MetricsScrape.ScrapeAsync(server.Admin), "hush_policy_reloads_total{result=\"error\"}") > before);

        var ready = await server.Admin.GetStringAsync(new Uri("/readyz", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("golden", ready, StringComparison.Ordinal);
        using var call = new ExtProcCall(server.Channel);
        await call.ExchangeAsync(RequestHeaders());
        await call.ExchangeAsync(ResponseHeaders());
        var answer = await call.ExchangeAsync(ResponseBody($"k {TestPolicies.AwsKey}\n", endOfStream: true));
        Assert.Equal(ProcessingResponse.ResponseOneofCase.ResponseBody, answer.ResponseCase);
        Assert.Contains(TestPolicies.AwsMasked, answer.ResponseBody.Response.BodyMutation.Body.ToStringUtf8(), StringComparison.Ordinal);
    }
}
