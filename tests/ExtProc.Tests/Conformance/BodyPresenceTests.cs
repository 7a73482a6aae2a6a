using Hush.EnvoyEmulator.Exchange;
using static Hush.ExtProc.Tests.Conformance.FilterConfigs;
using Kind = Envoy.Service.ExtProc.V3.ProcessingRequest.RequestOneofCase;

namespace Hush.ExtProc.Tests.Conformance;

/// <summary>Protocol notes §5 theme 3: absent bodies send no body message, empty bodies send one empty message.</summary>
public sealed class BodyPresenceTests(GoldenHushFixture hush) : IClassFixture<GoldenHushFixture>
{
    [Fact]
    public async Task GetWithBufferedRequestMode_NoRequestBodyMessage()
    {
        var result = await Conform.RunAsync(hush.Server.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response("application/json"),
            ResponseBody = Scripts.One("{\"data\":[]}"),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.Equal([Kind.RequestHeaders, Kind.ResponseHeaders, Kind.ResponseBody], result.SentKinds);
        Assert.True(result.Upstream.EndOfStream);
        Assert.Equal("{\"data\":[]}", result.Downstream.BodyText);
    }

    [Fact]
    public async Task PostWithEmptyBody_OneEmptyEndOfStreamBodyMessage_UpstreamGetsEmptyBody()
    {
        var result = await Conform.RunAsync(hush.Server.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Post(contentLength: 0),
            RequestBody = [ScriptChunk.Empty()],
            ResponseHeaders = Scripts.Response("application/json"),
            ResponseBody = Scripts.One("{}"),
            Timeout = Scripts.PhaseTimeout,
        });

        var body = Assert.Single(Conform.RequestBodies(result));
        Assert.True(body.EndOfStream);
        Assert.Equal(0, body.Body.Length);
        Assert.Empty(result.Upstream.Body);
        Assert.True(result.Upstream.EndOfStream);
        Assert.Equal("0", result.Upstream.Headers!.Get("content-length"));
        Assert.Equal(200, result.Downstream.Status);
    }

    [Fact]
    public async Task ResponseWithContentLengthZero_HeadersOnly_NoResponseBodyMessage()
    {
        var result = await Conform.RunAsync(hush.Server.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response("application/json", contentLength: 0),
            Timeout = Scripts.PhaseTimeout,
        });

        Assert.Equal([Kind.RequestHeaders, Kind.ResponseHeaders], result.SentKinds);
        Assert.True(result.Sent[1].ResponseHeaders.EndOfStream);
        Assert.Equal(200, result.Downstream.Status);
        Assert.Equal("0", result.Downstream.Headers!.Get("content-length"));
        Assert.Empty(result.Downstream.Body);
        Assert.True(result.Downstream.EndOfStream);
    }

    [Fact]
    public async Task StreamedResponseWithOnlyAnEmptyEndChunk_OneEmptyMessageAnswered()
    {
        var result = await Conform.RunAsync(hush.Server.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response(),
            ResponseBody = [ScriptChunk.Empty(waitForAnswersBefore: true)],
            Timeout = Scripts.PhaseTimeout,
        });

        var body = Assert.Single(Conform.ResponseBodies(result));
        Assert.True(body.EndOfStream);
        Assert.Empty(result.Downstream.Body);
        Assert.True(result.Downstream.EndOfStream);
    }
}
