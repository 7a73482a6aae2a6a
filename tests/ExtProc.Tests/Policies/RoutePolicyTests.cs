using Envoy.Service.ExtProc.V3;
using Google.Protobuf.WellKnownTypes;
using Hush.ExtProc.Identity;
using Hush.ExtProc.Policies;
using Hush.ExtProc.Tests.Support;
using Microsoft.Extensions.Options;
using static Hush.ExtProc.Tests.Support.Messages;

namespace Hush.ExtProc.Tests.Policies;

public sealed class RoutePolicyTests
{
    [Fact]
    public void Selector_FirstMatchingRouteWins_AllConditionsMustHold()
    {
        var selector = new RouteSelector(
        [
            new RoutePolicyOptions { Name = "anthropic-security", PathPrefix = "/v1/messages", Group = "security", PolicyPath = "a" },
            new RoutePolicyOptions { Name = "anthropic", PathPrefix = "/v1/messages", PolicyPath = "b" },
            new RoutePolicyOptions { Name = "internal", Authority = "llm.internal", PolicyPath = "c" },
            new RoutePolicyOptions { Name = "batch", Audience = "batch-gateway", PolicyPath = "d" },
        ]);
        var security = new CallerIdentity { Source = "metadata", Groups = ["security"] };
        var batch = new CallerIdentity { Source = "metadata", Audiences = ["batch-gateway"] };
        Assert.Equal("anthropic-security", selector.Select("/v1/messages", "x", security));
        Assert.Equal("anthropic", selector.Select("/v1/messages?beta=true", "x", null));
        Assert.Equal("internal", selector.Select("/v1/chat/completions", "LLM.internal:8443", null));
        Assert.Equal("batch", selector.Select("/v1/chat/completions", "x", batch));
        Assert.Null(selector.Select("/v1/chat/completions", "api.example.com", null));
    }

    [Fact]
    public void Options_RouteWithoutConditionOrDuplicateName_Rejected()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Hush.ExtProc.Hosting.HushServer.Build(
        [
            "--Hush:Routes:0:Name=a", "--Hush:Routes:0:PolicyPath=x",
            "--Hush:Routes:1:Name=a", "--Hush:Routes:1:PathPrefix=/v1", "--Hush:Routes:1:PolicyPath=y",
            "--Hush:Routes:2:Name=default", "--Hush:Routes:2:PathPrefix=/v2",
        ]));
        var all = string.Join("\n", failure.Failures);
        Assert.Contains("Hush:Routes:0 has no condition", all, StringComparison.Ordinal);
        Assert.Contains("Hush:Routes:1:Name 'a' is used twice", all, StringComparison.Ordinal);
        Assert.Contains("Hush:Routes:2:Name is empty or 'default'", all, StringComparison.Ordinal);
        Assert.Contains("Hush:Routes:2:PolicyPath is empty", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoutePolicy_PathAndGroupSelectTheirArtifacts_DefaultOtherwise_HotReloaded()
    {
        var folder = Directory.CreateTempSubdirectory("hush-routes-").FullName;
        try
        {
            var anthropic = Path.Combine(folder, "anthropic.hushpolicy");
            var security = Path.Combine(folder, "security.hushpolicy");
            await File.WriteAllBytesAsync(anthropic, TestPolicies.LongHoldBytes).WaitAsync(TimeSpan.FromSeconds(10));
            await File.WriteAllBytesAsync(security, TestPolicies.LongHoldBytes).WaitAsync(TimeSpan.FromSeconds(10));
            await using var server = await HushTestServer.StartAsync(TestPolicies.GoldenBytes,
                "--Hush:Routes:0:Name=security", "--Hush:Routes:0:Group=security", $"--Hush:Routes:0:PolicyPath={security}",
                "--Hush:Routes:1:Name=anthropic", "--Hush:Routes:1:PathPrefix=/v1/messages", $"--Hush:Routes:1:PolicyPath={anthropic}");

            Assert.True(await MaskedAsync(server, "/v1/chat/completions", group: null), "default policy masks the AWS key");
            Assert.False(await MaskedAsync(server, "/v1/messages", group: null), "the anthropic route's policy has no AWS rule");
            Assert.False(await MaskedAsync(server, "/v1/chat/completions", group: "security"), "group route");

            // Hot reload of a route's artifact: the anthropic route now gets the golden rules.
            await File.WriteAllBytesAsync(anthropic + ".tmp", TestPolicies.GoldenBytes).WaitAsync(TimeSpan.FromSeconds(10));
            File.Move(anthropic + ".tmp", anthropic, overwrite: true);
            await Eventually.TrueAsync(async () => (await MetricsScrape.ScrapeAsync(server.Admin))
                .Contains("hush_policy_info{name=\"golden\",version=\"1\",sha256=\"" + Processors.Golden.ArtifactSha256 + "\",route=\"anthropic\"}", StringComparison.Ordinal));
            Assert.True(await MaskedAsync(server, "/v1/messages", group: null));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<bool> MaskedAsync(HushTestServer server, string path, string? group)
    {
        using var call = new ExtProcCall(server.Channel);
        var headers = RequestHeaders(path: path);
        if (group is not null)
        {
            var payload = new Struct { Fields = { ["sub"] = Value.ForString("u"), ["groups"] = Value.ForList(Value.ForString(group)) } };
            headers.MetadataContext.FilterMetadata["envoy.filters.http.jwt_authn"] = new Struct { Fields = { ["jwt_payload"] = Value.ForStruct(payload) } };
        }

        await call.ExchangeAsync(headers);
        await call.ExchangeAsync(ResponseHeaders());
        var answer = await call.ExchangeAsync(ResponseBody($"k {TestPolicies.AwsKey}\n", endOfStream: true));
        Assert.Equal(ProcessingResponse.ResponseOneofCase.ResponseBody, answer.ResponseCase);
        return answer.ResponseBody.Response.BodyMutation?.Body.ToStringUtf8().Contains(TestPolicies.AwsMasked, StringComparison.Ordinal) == true;
    }
}
