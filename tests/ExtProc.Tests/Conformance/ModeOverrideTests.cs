using Hush.EnvoyEmulator.Exchange;
using Hush.ExtProc.Tests.Support;
using static Hush.ExtProc.Tests.Conformance.FilterConfigs;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;
using Kind = Envoy.Service.ExtProc.V3.ProcessingRequest.RequestOneofCase;

namespace Hush.ExtProc.Tests.Conformance;

/// <summary>
/// Protocol notes §2.9 / §5 theme 6: binary bodies are switched off with a mode_override Envoy accepts under the
/// allowed_override_modes of envoy/envoy.yaml; the bytes then flow untouched.
/// </summary>
public sealed class ModeOverrideTests(GoldenHushFixture hush) : IClassFixture<GoldenHushFixture>
{
    [Fact]
    public async Task BinaryResponse_OverrideAccepted_NoResponseBodyMessages_BytesUnchanged()
    {
        var png = EarlyDataTests.BinaryBody();
        var result = await Conform.RunAsync(hush.Server.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response("image/png", contentLength: png.Length),
            ResponseBody = Scripts.Cut(png, 64),
            Timeout = Scripts.PhaseTimeout,
        });

        var mode = result.Received[1].ModeOverride;
        Assert.NotNull(mode);
        Assert.Equal(BodyMode.Buffered, mode.RequestBodyMode);
        Assert.Equal(BodyMode.None, mode.ResponseBodyMode);
        Assert.Equal([Kind.RequestHeaders, Kind.ResponseHeaders], result.SentKinds);
        Assert.Equal(png, result.Downstream.Body);
        Assert.True(result.Downstream.EndOfStream);
    }

    [Fact]
    public async Task BinaryRequest_OverrideKeepsResponseStreamed_RequestBytesUnchanged_ResponseMasked()
    {
        var png = EarlyDataTests.BinaryBody();
        var request = Scripts.Post("/v1/files").Set("content-type", "image/png");
        var result = await Conform.RunAsync(hush.Server.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = request,
            RequestBody = Scripts.Cut(png, 100),
            ResponseHeaders = Scripts.Response(),
            ResponseBody = Scripts.Cut(Scripts.SseWithKey, 12),
            Timeout = Scripts.PhaseTimeout,
        });

        var mode = result.Received[0].ModeOverride;
        Assert.NotNull(mode);
        Assert.Equal(BodyMode.None, mode.RequestBodyMode);
        Assert.Equal(BodyMode.Streamed, mode.ResponseBodyMode);
        Assert.DoesNotContain(Kind.RequestBody, result.SentKinds);
        Assert.Equal(png, result.Upstream.Body);
        Assert.Contains(Kind.ResponseBody, result.SentKinds);
        Assert.Equal(Scripts.SseMasked, result.Downstream.BodyText);
        ProtocolChecks.AssertNoSecret(result.Downstream, TestPolicies.AwsKey);
    }

    [Fact]
    public async Task BinaryResponse_OverridesNotAllowed_ChunksAnsweredUnchanged()
    {
        var png = EarlyDataTests.BinaryBody();
        var result = await Conform.RunAsync(hush.Server.Channel, With(Mode(BodyMode.None, BodyMode.Streamed)), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response("image/png"),
            ResponseBody = Scripts.Cut(png, 64),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.Equal(Scripts.Cut(png, 64).Count, Conform.ResponseBodies(result).Count);
        Assert.All(result.Received.Where(r => r.ResponseBody is not null), r => Assert.Null(r.ResponseBody.Response?.BodyMutation));
        Assert.Equal(png, result.Downstream.Body);
    }
}
