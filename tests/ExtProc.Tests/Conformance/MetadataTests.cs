using System.Security.Cryptography;
using Google.Protobuf.WellKnownTypes;
using Hush.EnvoyEmulator.Exchange;
using Hush.EnvoyEmulator.Filter;
using Hush.EnvoyEmulator.JwtAuthn;
using Hush.ExtProc.Tests.Support;
using static Hush.ExtProc.Tests.Conformance.FilterConfigs;

namespace Hush.ExtProc.Tests.Conformance;

/// <summary>
/// Protocol notes §3 / §5 theme 14: the jwt_authn payload in metadata_context (and CEL attributes) on every
/// message, and Hush's report written back through the receiving namespace.
/// </summary>
public sealed class MetadataTests(GoldenHushFixture hush) : IClassFixture<GoldenHushFixture>, IDisposable
{
    private readonly RSA _key = RSA.Create(2048);

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();

    /// <summary>Request headers after the emulated jwt_authn verified a fresh token, and the metadata it wrote.</summary>
    private (HttpHeaderList Headers, Dictionary<string, Struct> Metadata) Authenticated()
    {
        const string Kid = "conformance";
        var jwt = new JwtAuthnFilter(new JwtProviderOptions
        {
            Jwks = Jwks.Parse(Jwks.ToJson(_key.ExportParameters(false), Kid)),
            Issuer = "https://idp.test/",
            Audiences = ["llm-gateway"],
        });
        var claims = JwtMinter.Claims("https://idp.test/", "llm-gateway", "alice", DateTimeOffset.UtcNow, TimeSpan.FromHours(1),
            new Dictionary<string, object?> { ["team"] = "red" });
        var headers = Scripts.Post().Add("authorization", "Bearer " + JwtMinter.Mint(_key, Kid, claims));
        var context = new ExtProcStreamContext();
        Assert.Null(jwt.OnRequestHeaders(headers, context));
        return (headers, new Dictionary<string, Struct>(context.DynamicMetadata));
    }

    [Fact]
    public async Task JwtPayloadForwarded_OnEveryMessage_ExchangeCleanAndMasked()
    {
        var (headers, metadata) = Authenticated();

        var result = await Conform.RunAsync(hush.Server.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = headers,
            RequestBody = Scripts.One(Scripts.PromptWithKey),
            ResponseHeaders = Scripts.Response(),
            ResponseBody = Scripts.Cut(Scripts.SseWithKey, 15),
            DynamicMetadata = metadata,
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.All(result.Sent, message =>
        {
            var payload = message.MetadataContext.FilterMetadata[JwtAuthnFilter.MetadataNamespace].Fields["jwt_payload"].StructValue;
            Assert.Equal("alice", payload.Fields["sub"].StringValue);
            Assert.Equal("red", payload.Fields["team"].StringValue);
        });
        Assert.Equal("/v1/chat/completions", result.Sent[0].Attributes["envoy.filters.http.ext_proc"].Fields["request.path"].StringValue);
        Assert.DoesNotContain(result.Sent[0].RequestHeaders.Headers.Headers, h => h.Key == "authorization");
        Assert.Equal(Scripts.SseMasked, result.Downstream.BodyText);
        // Hush reports the caller and its counts back in the receiving namespace (for Envoy's access log).
        var report = result.ReceivedDynamicMetadata["hush"].Fields;
        Assert.Equal("alice", report["subject"].StringValue);
        Assert.Equal(2, report["masks"].NumberValue);
        ProtocolChecks.AssertNoSecret(result.Downstream, TestPolicies.AwsKey);
    }

    [Fact]
    public async Task IdentityRequired_NoJwtMetadata_Clean401AtRequestHeaders_UpstreamNotCalled()
    {
        await using var strict = await HushTestServer.StartAsync(TestPolicies.GoldenBytes, "--Hush:Identity:Required=true");
        var refused = await Conform.RunAsync(strict.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Post(),
            RequestBody = Scripts.One(Scripts.PromptWithKey),
            ResponseHeaders = Scripts.Response(),
            ResponseBody = Scripts.One(Scripts.SseWithKey),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.Equal(401, refused.Downstream.Status);
        Assert.NotNull(refused.Downstream.LocalReply);
        Assert.Equal(Envoy.Service.ExtProc.V3.ProcessingResponse.ResponseOneofCase.ImmediateResponse, Assert.Single(refused.Received).ResponseCase);
        Assert.Null(refused.Upstream.Headers);

        var (headers, metadata) = Authenticated();
        var allowed = await Conform.RunAsync(strict.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = headers,
            RequestBody = Scripts.One(Scripts.PromptWithKey),
            ResponseHeaders = Scripts.Response(),
            ResponseBody = Scripts.One(Scripts.SseWithKey),
            DynamicMetadata = metadata,
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.Equal(200, allowed.Downstream.Status);
        Assert.Equal(Scripts.SseMasked, allowed.Downstream.BodyText);
    }
}
