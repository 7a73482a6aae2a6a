using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Hush.EnvoyEmulator.Front;
using Hush.EnvoyEmulator.JwtAuthn;
using Hush.ExtProc.Tests.Support;
using Hush.MockLlm;

namespace Hush.ExtProc.Tests.Conformance;

/// <summary>
/// The whole chain over real HTTP: client → emulated Envoy front (jwt_authn, ext_proc as in envoy/envoy.yaml) →
/// Hush (golden policy) → mock LLM. Shared by the tests of one class, which xunit runs one at a time.
/// </summary>
public sealed class EndToEndFixture : IAsyncLifetime
{
    /// <summary>Issuer the front accepts.</summary>
    public const string Issuer = "https://idp.test/";

    /// <summary>Audience the front accepts.</summary>
    public const string Audience = "llm-gateway";

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly RSA _key = RSA.Create(2048);
    private string _kid = "";
    private HushTestServer? _hush;
    private MockLlmServer? _mock;
    private FrontProxy? _front;

    /// <summary>The Hush server.</summary>
    internal HushTestServer Hush => _hush ?? throw new InvalidOperationException("fixture not started");

    /// <summary>The mock LLM provider.</summary>
    public MockLlmServer Mock => _mock ?? throw new InvalidOperationException("fixture not started");

    /// <summary>The emulated Envoy front.</summary>
    public FrontProxy Front => _front ?? throw new InvalidOperationException("fixture not started");

    /// <summary>A client of the front that keeps compressed bodies as they are (like curl without --compressed).</summary>
    public HttpClient Client { get; } = new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, UseProxy = false })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>A valid RS256 token signed by the key in the front's JWKS.</summary>
    public string Token() => JwtMinter.Mint(_key, _kid,
        JwtMinter.Claims(Issuer, Audience, "alice", DateTimeOffset.UtcNow, TimeSpan.FromHours(1), new Dictionary<string, object?> { ["team"] = "red" }));

    /// <summary>POSTs <paramref name="json"/> to <paramref name="path"/> through the front, with a token unless told otherwise.</summary>
    public async Task<(HttpResponseMessage Response, string Body)> PostAsync(string path, string json, string? script, bool withToken = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Front.Address, path))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");
        if (withToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token());
        }

        if (script is not null)
        {
            request.Headers.Add(MockScriptRegistry.HeaderName, script);
        }

        var response = await Client.SendAsync(request).WaitAsync(s_timeout);
        var body = await response.Content.ReadAsStringAsync().WaitAsync(s_timeout);
        return (response, body);
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var publicKey = _key.ExportParameters(false);
        _kid = JwtMinter.KidOf(publicKey);
        _hush = await HushTestServer.StartAsync(TestPolicies.GoldenBytes);
        _mock = await MockLlmServer.StartAsync(new MockLlmOptions { DefaultScript = MockScript.DemoOneEvent }).WaitAsync(s_timeout);
        _front = await FrontProxy.StartAsync(new FrontProxyOptions
        {
            Listen = new IPEndPoint(IPAddress.Loopback, 0),
            Upstream = _mock.BaseAddress,
            ExtProc = _hush.GrpcAddress,
            Jwt = new JwtProviderOptions { Jwks = Jwks.Parse(Jwks.ToJson(publicKey, _kid)), Issuer = Issuer, Audiences = [Audience] },
            Filter = FilterConfigs.EnvoyYaml(),
        }).WaitAsync(s_timeout);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        Client.Dispose();
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
