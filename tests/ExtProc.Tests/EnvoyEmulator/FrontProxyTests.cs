using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Envoy.Service.ExtProc.V3;
using Hush.EnvoyEmulator.Filter;
using Hush.EnvoyEmulator.Front;
using Hush.EnvoyEmulator.JwtAuthn;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;
using Kind = Envoy.Service.ExtProc.V3.ProcessingRequest.RequestOneofCase;

namespace Hush.ExtProc.Tests.EnvoyEmulator;

public sealed class FrontProxyTests : IDisposable
{
    private const string Issuer = "https://idp.test/";
    private const string Audience = "llm-gateway";
    private const string Kid = "test-kid";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly RSA _key = RSA.Create(2048);
    private readonly List<ProcessingRequest> _seenByServer = [];

    public void Dispose() => _key.Dispose();

    private string Token(RSA? key = null, TimeSpan? ttl = null, string issuer = Issuer)
    {
        var claims = JwtMinter.Claims(issuer, Audience, "alice", DateTimeOffset.UtcNow, ttl ?? TimeSpan.FromHours(1), new Dictionary<string, object?> { ["team"] = "red" });
        return JwtMinter.Mint(key ?? _key, Kid, claims);
    }

    private async Task MaskingScript(ExtProcSession s)
    {
        while (await s.ReceiveAsync() is { } request)
        {
            lock (_seenByServer)
            {
                _seenByServer.Add(request);
            }

            await s.SendAsync(request.RequestCase == Kind.ResponseBody
                ? Answers.ResponseBody(Answers.BodyText(request).Replace("sk-fake-secret", "[MASKED]", StringComparison.Ordinal))
                : Answers.ContinueFor(request));
        }
    }

    private async Task<(FrontProxy Front, ScriptedExtProcServer Server, TinyUpstream Upstream)> StartAsync()
    {
        var server = await ScriptedExtProcServer.StartAsync(MaskingScript);
        var upstream = await TinyUpstream.StartAsync();
        var front = await FrontProxy.StartAsync(new FrontProxyOptions
        {
            Listen = new IPEndPoint(IPAddress.Loopback, 0),
            Upstream = upstream.Address,
            ExtProc = server.Address,
            Jwt = new JwtProviderOptions
            {
                Jwks = Jwks.Parse(Jwks.ToJson(_key.ExportParameters(false), Kid)),
                Issuer = Issuer,
                Audiences = [Audience],
            },
            Filter = new ExtProcFilterConfig
            {
                ProcessingMode = Modes.Mode(responseBody: BodyMode.Streamed),
                MessageTimeout = Modes.Long,
                ForwardingNamespacesUntyped = [JwtAuthnFilter.MetadataNamespace],
            },
        }).WaitAsync(s_timeout);
        return (front, server, upstream);
    }

    private static async Task<HttpResponseMessage> PostAsync(FrontProxy front, string? token, Version? version = null)
    {
        using var client = new HttpClient { Timeout = s_timeout };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(front.Address, "/v1/stream"))
        {
            Content = new StringContent("{\"prompt\":\"hi\"}"),
            Version = version ?? HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request).WaitAsync(s_timeout);
    }

    [Fact]
    public async Task MissingToken_Is401JwtIsMissing_ExtProcNotCalled()
    {
        var (front, server, upstream) = await StartAsync();
        await using var f = front;
        await using var s = server;
        await using var u = upstream;

        using var response = await PostAsync(front, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(JwtStatus.Missing, await response.Content.ReadAsStringAsync().WaitAsync(s_timeout));
        Assert.Empty(_seenByServer);
        Assert.Empty(upstream.Bodies);
    }

    [Fact]
    public async Task TokenSignedByOtherKey_Is401VerificationFails()
    {
        var (front, server, upstream) = await StartAsync();
        await using var f = front;
        await using var s = server;
        await using var u = upstream;
        using var other = RSA.Create(2048);

        using var response = await PostAsync(front, Token(other));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(JwtStatus.VerificationFails, await response.Content.ReadAsStringAsync().WaitAsync(s_timeout));
    }

    [Fact]
    public async Task ExpiredToken_Is401()
    {
        var (front, server, upstream) = await StartAsync();
        await using var f = front;
        await using var s = server;
        await using var u = upstream;

        using var response = await PostAsync(front, Token(ttl: TimeSpan.FromMinutes(-5)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(JwtStatus.Expired, await response.Content.ReadAsStringAsync().WaitAsync(s_timeout));
    }

    [Fact]
    public async Task WrongIssuer_Is401()
    {
        var (front, server, upstream) = await StartAsync();
        await using var f = front;
        await using var s = server;
        await using var u = upstream;

        using var response = await PostAsync(front, Token(issuer: "https://other/"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("1.1")]
    [InlineData("2.0")]
    public async Task ValidToken_PayloadInMetadata_TokenStripped_StreamMasked(string version)
    {
        var (front, server, upstream) = await StartAsync();
        await using var f = front;
        await using var s = server;
        await using var u = upstream;

        using var response = await PostAsync(front, Token(), Version.Parse(version));
        var body = await response.Content.ReadAsStringAsync().WaitAsync(s_timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("data: one\n\ndata: [MASKED]\n\ndata: [DONE]\n\n", body);
        Assert.Equal([""], upstream.Authorizations);
        Assert.Equal(["{\"prompt\":\"hi\"}"], upstream.Bodies);
        ProcessingRequest first;
        lock (_seenByServer)
        {
            first = _seenByServer[0];
            Assert.Contains(_seenByServer, r => r.RequestCase == Kind.ResponseBody);
        }

        var payload = first.MetadataContext.FilterMetadata[JwtAuthnFilter.MetadataNamespace].Fields["jwt_payload"].StructValue;
        Assert.Equal("alice", payload.Fields["sub"].StringValue);
        Assert.Equal("red", payload.Fields["team"].StringValue);
        Assert.DoesNotContain(first.RequestHeaders.Headers.Headers, h => h.Key == "authorization");
    }
}
