using System.Globalization;
using System.Text.Json;
using Hush.EnvoyEmulator.Exchange;
using Hush.EnvoyEmulator.Filter;
using Hush.ExtProc.Tests.Support;
using static Hush.ExtProc.Tests.Conformance.FilterConfigs;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;

namespace Hush.ExtProc.Tests.Conformance;

/// <summary>
/// Protocol notes §5 themes 4, 9, 10: BUFFERED keeps content-length (Hush must fix it when it masks, or Envoy
/// replies 500), Hush's buffered-body limit is a clean 413, and BUFFERED_PARTIAL past Envoy's buffer is refused
/// rather than let through unscanned.
/// </summary>
public sealed class BufferedTests(GoldenHushFixture hush) : IClassFixture<GoldenHushFixture>
{
    private static string MaskedPrompt => Scripts.PromptWithKey.Replace(TestPolicies.AwsKey, TestPolicies.AwsMasked, StringComparison.Ordinal);

    private static string Length(string text) => Scripts.Bytes(text).Length.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task BufferedRequest_Masked_ContentLengthFixedForUpstream()
    {
        var prompt = Scripts.Bytes(Scripts.PromptWithKey);
        var result = await Conform.RunAsync(hush.Server.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Post(contentLength: prompt.Length),
            RequestBody = [new ScriptChunk(prompt[..20]), new ScriptChunk(prompt[20..])],
            ResponseHeaders = Scripts.Response("application/json"),
            ResponseBody = Scripts.One("{}"),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.Null(result.Downstream.LocalReply);
        Assert.Equal(MaskedPrompt, System.Text.Encoding.UTF8.GetString(result.Upstream.Body));
        Assert.Equal(Length(MaskedPrompt), result.Upstream.Headers!.Get("content-length"));
        Assert.Equal(200, result.Downstream.Status);
    }

    [Fact]
    public async Task BufferedResponse_Masked_ContentLengthFixedForDownstream()
    {
        var json = "{\"choices\":[{\"message\":{\"content\":\"key " + TestPolicies.AwsKey + " done\"}}]}";
        var masked = json.Replace(TestPolicies.AwsKey, TestPolicies.AwsMasked, StringComparison.Ordinal);
        var result = await Conform.RunAsync(hush.Server.Channel, With(Mode(BodyMode.Buffered, BodyMode.Buffered)), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response("application/json", contentLength: Scripts.Bytes(json).Length),
            ResponseBody = Scripts.Cut(json, 17),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.Null(result.Downstream.LocalReply);
        Assert.Equal(masked, result.Downstream.BodyText);
        Assert.Equal(Length(masked), result.Downstream.Headers!.Get("content-length"));
    }

    [Fact]
    public async Task BufferedBodyUnchanged_NoMutationContentLengthKept()
    {
        var json = "{\"content\":\"nothing secret here\"}";
        var result = await Conform.RunAsync(hush.Server.Channel, With(Mode(BodyMode.Buffered, BodyMode.Buffered)), new ExchangeScript
        {
            RequestHeaders = Scripts.Post(contentLength: json.Length),
            RequestBody = Scripts.One(json),
            ResponseHeaders = Scripts.Response("application/json", contentLength: json.Length),
            ResponseBody = Scripts.One(json),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.All(result.Received.Where(r => r.RequestBody is not null || r.ResponseBody is not null),
            r => Assert.Null((r.RequestBody ?? r.ResponseBody).Response?.BodyMutation));
        Assert.Equal(json, System.Text.Encoding.UTF8.GetString(result.Upstream.Body));
        Assert.Equal(json, result.Downstream.BodyText);
        Assert.Equal(Length(json), result.Downstream.Headers!.Get("content-length"));
    }

    [Fact]
    public async Task BufferedRequestOverHushLimit_Clean413JsonError_UpstreamNotCalled()
    {
        await using var small = await HushTestServer.StartAsync(TestPolicies.GoldenBytes, "--Hush:MaxBufferedBodyBytes=1000");
        var prompt = new string('x', 1500) + " " + TestPolicies.AwsKey;
        var result = await Conform.RunAsync(small.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Post(contentLength: prompt.Length),
            RequestBody = Scripts.Cut(prompt, 400),
            ResponseHeaders = Scripts.Response(),
            ResponseBody = Scripts.One(Scripts.SseWithKey),
            Timeout = Scripts.PhaseTimeout,
        });

        AssertHush413(result.Downstream);
        Assert.Null(result.Upstream.Headers);
        Assert.Empty(result.Upstream.Body);
    }

    [Fact]
    public async Task BufferedResponseOverHushLimit_Clean413BeforeAnyUpstreamByte()
    {
        await using var small = await HushTestServer.StartAsync(TestPolicies.GoldenBytes, "--Hush:MaxBufferedBodyBytes=1000");
        var body = new string('y', 1500) + " " + TestPolicies.AwsKey;
        var result = await Conform.RunAsync(small.Channel, With(Mode(BodyMode.None, BodyMode.Buffered)), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response("application/json", contentLength: body.Length),
            ResponseBody = Scripts.Cut(body, 500),
            Timeout = Scripts.PhaseTimeout,
        });

        AssertHush413(result.Downstream);
        ProtocolChecks.AssertNoSecret(result.Downstream, TestPolicies.AwsKey);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BufferedPartialOverEnvoyBufferLimit_413NeverUnscannedPassThrough(bool requestSide)
    {
        var body = "data: " + new string('z', 2000) + " " + TestPolicies.AwsKey + "\n\n";
        var mode = requestSide ? Mode(BodyMode.BufferedPartial, BodyMode.None) : Mode(BodyMode.None, BodyMode.BufferedPartial);
        var chunks = Scripts.Cut(body, 1000);
        var result = await Conform.RunAsync(hush.Server.Channel, With(mode, bufferLimitBytes: 1024), new ExchangeScript
        {
            RequestHeaders = requestSide ? Scripts.Post() : Scripts.Get(),
            RequestBody = requestSide ? chunks : [],
            ResponseHeaders = Scripts.Response(),
            ResponseBody = requestSide ? Scripts.One("{}") : chunks,
            Timeout = Scripts.PhaseTimeout,
        });

        AssertHush413(result.Downstream);
        Assert.False(Assert.Single(requestSide ? Conform.RequestBodies(result) : Conform.ResponseBodies(result)).EndOfStream);
        Assert.DoesNotContain(TestPolicies.AwsKey, System.Text.Encoding.UTF8.GetString(result.Upstream.Body), StringComparison.Ordinal);
        if (requestSide)
        {
            Assert.Null(result.Upstream.Headers);
        }
    }

    [Fact]
    public async Task BufferedPartialWithinEnvoyBufferLimit_WholeBodyMasked()
    {
        var result = await Conform.RunAsync(hush.Server.Channel, With(Mode(BodyMode.None, BodyMode.BufferedPartial), bufferLimitBytes: 4096), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response(),
            ResponseBody = Scripts.Cut(Scripts.SseWithKey, 20),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.True(Assert.Single(Conform.ResponseBodies(result)).EndOfStream);
        Assert.Equal(Scripts.SseMasked, result.Downstream.BodyText);
        Assert.False(result.Downstream.Headers!.Contains("content-length"));
    }

    private static void AssertHush413(DownstreamRecord downstream)
    {
        Assert.Equal(413, downstream.Status);
        var reply = Assert.IsType<LocalReply>(downstream.LocalReply);
        Assert.False(downstream.Reset);
        Assert.Equal("application/json", reply.Headers.Get("content-type"));
        Assert.Equal("payload_too_large", reply.Headers.Get("x-hush-error"));
        Assert.Equal("hush_payload_too_large", reply.Details);
        using var json = JsonDocument.Parse(reply.Body);
        var error = json.RootElement.GetProperty("error");
        Assert.Equal("hush_payload_too_large", error.GetProperty("type").GetString());
        Assert.Equal("payload_too_large", error.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }
}
