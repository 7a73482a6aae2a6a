using System.Net;
using Hush.ExtProc.Tests.Support;
using Hush.MockLlm;

namespace Hush.ExtProc.Tests.Conformance;

/// <summary>
/// Client → emulated Envoy (jwt_authn + ext_proc per envoy/envoy.yaml) → Hush → mock LLM, all over real HTTP:
/// the client never sees the fake key, in streamed and non-streamed answers of all three provider APIs.
/// </summary>
public sealed class EndToEndTests(EndToEndFixture e2e) : IClassFixture<EndToEndFixture>
{
    private const string Masked = "AKIA[MASKED:aws-access-key-id]";

    private static string Chat(bool stream) =>
        "{\"model\":\"gpt-test\",\"stream\":" + (stream ? "true" : "false") + ",\"messages\":[{\"role\":\"user\",\"content\":\"deploy?\"}]}";

    private void AssertFrontClean()
    {
        Assert.Equal(0, e2e.Front.Counters.SpuriousMsgsReceived);
        Assert.Equal(0, e2e.Front.Counters.RejectedHeaderMutations);
        Assert.Equal(0, e2e.Front.Counters.MessageTimeouts);
        Assert.Equal(0, e2e.Front.Counters.StreamsFailed);
    }

    [Fact]
    public void GoldenPolicy_MasksTheDemoKey()
    {
        // The e2e tests rely on the golden rule matching the mock's demo key (AKIA + 16 of [A-Z2-7]).
        Assert.Equal(
            "key " + Masked + " end",
            System.Text.Encoding.UTF8.GetString(Scripts.MaskWhole(Scripts.Bytes("key " + MockScript.DemoSecret + " end"))));
    }

    [Fact]
    public async Task StreamingChat_KeyCutAcrossWrites_ClientSeesMaskNeverTheKey()
    {
        var (response, body) = await e2e.PostAsync("/v1/chat/completions", Chat(stream: true), "demo-one-event");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(Masked, body, StringComparison.Ordinal);
        Assert.DoesNotContain(MockScript.DemoSecret, body, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
        var upstream = e2e.Mock.ReceivedRequests[^1];
        Assert.False(upstream.Headers.ContainsKey("accept-encoding"), "Hush strips accept-encoding");
        Assert.False(upstream.Headers.ContainsKey("authorization"), "jwt_authn does not forward the token");
        AssertFrontClean();
    }

    [Theory]
    [InlineData("/v1/chat/completions", false)]
    [InlineData("/v1/responses", false)]
    [InlineData("/v1/responses", true)]
    [InlineData("/v1/messages", false)]
    [InlineData("/v1/messages", true)]
    public async Task ProviderApis_AnswerMasked(string path, bool stream)
    {
        var request = path == "/v1/messages"
            ? "{\"model\":\"claude-test\",\"max_tokens\":64,\"stream\":" + (stream ? "true" : "false") + ",\"messages\":[{\"role\":\"user\",\"content\":\"deploy?\"}]}"
            : path == "/v1/responses"
                ? "{\"model\":\"gpt-test\",\"stream\":" + (stream ? "true" : "false") + ",\"input\":\"deploy?\"}"
                : Chat(stream);

        var (response, body) = await e2e.PostAsync(path, request, "demo-one-event");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Masked, body, StringComparison.Ordinal);
        Assert.DoesNotContain(MockScript.DemoSecret, body, StringComparison.Ordinal);
        Assert.Equal(stream ? "text/event-stream" : "application/json", response.Content.Headers.ContentType?.MediaType);
        AssertFrontClean();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task RandomWriteCuts_StillMasked(int seed)
    {
        var name = "random-cuts-" + seed;
        e2e.Mock.Scripts.Set(name, MockScript.DemoOneEvent with { WriteSizes = [], RandomWriteMax = 6, RandomSeed = seed });

        var (response, body) = await e2e.PostAsync("/v1/chat/completions", Chat(stream: true), name);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Masked, body, StringComparison.Ordinal);
        Assert.DoesNotContain(MockScript.DemoSecret, body, StringComparison.Ordinal);
        AssertFrontClean();
    }

    [Fact]
    public async Task GzipUpstream_ClientGetsDecodedMaskedBody()
    {
        e2e.Mock.Scripts.Set("gzip-demo", MockScript.DemoOneEvent with { Gzip = true });

        var (response, body) = await e2e.PostAsync("/v1/chat/completions", Chat(stream: true), "gzip-demo");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains(Masked, body, StringComparison.Ordinal);
        Assert.DoesNotContain(MockScript.DemoSecret, body, StringComparison.Ordinal);
        AssertFrontClean();
    }

    [Fact]
    public async Task PromptWithKey_MaskedBeforeTheProvider()
    {
        var prompt = "{\"model\":\"gpt-test\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"use " + TestPolicies.AwsKey + " please\"}]}";

        var (response, _) = await e2e.PostAsync("/v1/chat/completions", prompt, "demo-one-event");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upstream = e2e.Mock.ReceivedRequests[^1];
        Assert.Contains(TestPolicies.AwsMasked, upstream.BodyText, StringComparison.Ordinal);
        Assert.False(e2e.Mock.EverReceived(TestPolicies.AwsKey));
        AssertFrontClean();
    }

    [Fact]
    public async Task MissingToken_401_ProviderNotCalled()
    {
        var before = e2e.Mock.ReceivedRequests.Count;

        var (response, _) = await e2e.PostAsync("/v1/chat/completions", Chat(stream: true), "demo-one-event", withToken: false);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, e2e.Mock.ReceivedRequests.Count);
    }

    [Fact]
    public async Task Metrics_AfterMaskedStream_MasksTotalMovedOverHttp()
    {
        const string Series = "hush_masks_total{rule=\"aws-access-key-id\"}";
        var before = MetricsScrape.Value(await MetricsScrape.ScrapeAsync(e2e.Hush.Admin), Series);

        var (response, body) = await e2e.PostAsync("/v1/chat/completions", Chat(stream: true), "demo-one-event");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Masked, body, StringComparison.Ordinal);

        var after = before;
        await Eventually.TrueAsync(async () =>
        {
            after = MetricsScrape.Value(await MetricsScrape.ScrapeAsync(e2e.Hush.Admin), Series);
            return after > before;
        });
        Assert.True(after >= before + 1, $"{Series}: {before} -> {after}");
        var exposition = await MetricsScrape.ScrapeAsync(e2e.Hush.Admin);
        Assert.True(MetricsScrape.Value(exposition, "hush_extproc_messages_total{phase=\"response_body\"}") > 0);
        Assert.DoesNotContain(MockScript.DemoSecret, exposition, StringComparison.Ordinal);
    }
}
