using System.Net;
using System.Security.Cryptography;
using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Hush.EnvoyEmulator.Filter;
using Hush.EnvoyEmulator.Front;
using Hush.EnvoyEmulator.JwtAuthn;
using Hush.ExtProc.Tests.Support;
using Hush.MockLlm;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;
using HeaderMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.HeaderSendMode;

namespace Hush.ExtProc.Tests.EndToEnd;

/// <summary>
/// Real clients' path: SDK → emulated Envoy front (jwt_authn with a real RS256 JWT; ext_proc with request body
/// BUFFERED and response body STREAMED as in envoy/envoy.yaml) → Hush (the default policy) → mock LLM.
/// </summary>
public sealed class SdkFixture : IAsyncLifetime
{
    private const string Issuer = "https://idp.test/";
    private const string Audience = "llm-gateway";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly RSA _key = RSA.Create(2048);
    private string _kid = "";
    private HushTestServer? _hush;
    private MockLlmServer? _mock;
    private FrontProxy? _front;

    /// <summary>The Hush server.</summary>
    internal HushTestServer Hush => _hush ?? throw new InvalidOperationException("fixture not started");

    /// <summary>The mock provider.</summary>
    public MockLlmServer Mock => _mock ?? throw new InvalidOperationException("fixture not started");

    /// <summary>Base address of the front (the "Envoy" clients talk to).</summary>
    public Uri FrontAddress => (_front ?? throw new InvalidOperationException("fixture not started")).Address;

    /// <summary>A valid token for the front, as a CI job's OIDC token would be.</summary>
    public string Token() => JwtMinter.Mint(_key, _kid, JwtMinter.Claims(Issuer, Audience, "repo:acme/api:ref:refs/heads/main",
        DateTimeOffset.UtcNow, TimeSpan.FromHours(1),
        new Dictionary<string, object?> { ["repository"] = "acme/api", ["run_id"] = "42", ["workflow"] = "ci" }));

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var publicKey = _key.ExportParameters(false);
        _kid = JwtMinter.KidOf(publicKey);
        _hush = await HushTestServer.StartAsync(RepoPaths.DefaultPolicy);
        _mock = await MockLlmServer.StartAsync(new MockLlmOptions()).WaitAsync(s_timeout);
        _front = await FrontProxy.StartAsync(new FrontProxyOptions
        {
            Listen = new IPEndPoint(IPAddress.Loopback, 0),
            Upstream = _mock.BaseAddress,
            ExtProc = _hush.GrpcAddress,
            Jwt = new JwtProviderOptions { Jwks = Jwks.Parse(Jwks.ToJson(publicKey, _kid)), Issuer = Issuer, Audiences = [Audience] },
            Filter = new ExtProcFilterConfig
            {
                ProcessingMode = new ProcessingMode
                {
                    RequestHeaderMode = HeaderMode.Send,
                    ResponseHeaderMode = HeaderMode.Send,
                    RequestBodyMode = BodyMode.Buffered,
                    ResponseBodyMode = BodyMode.Streamed,
                    RequestTrailerMode = HeaderMode.Skip,
                    ResponseTrailerMode = HeaderMode.Send,
                },
                MessageTimeout = TimeSpan.FromSeconds(20),
                MaxMessageTimeout = TimeSpan.FromSeconds(3600),
                ForwardingNamespacesUntyped = ["envoy.filters.http.jwt_authn"],
                ReceivingNamespacesUntyped = ["hush"],
            },
        }).WaitAsync(s_timeout);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_front is not null)
        {
            await _front.DisposeAsync().AsTask().WaitAsync(s_timeout);
        }

        if (_mock is not null)
        {
            await _mock.DisposeAsync().AsTask().WaitAsync(s_timeout);
        }

        if (_hush is not null)
        {
            await _hush.DisposeAsync();
        }

        _key.Dispose();
    }
}
