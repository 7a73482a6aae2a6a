using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Hush.ExtProc.Tests.EnvoyConfig;

/// <summary>Listener, routes, filters and clusters of both bootstrap files.</summary>
public sealed class BootstrapTests
{
    [Theory]
    [MemberData(nameof(EnvoyBootstrap.Files), MemberType = typeof(EnvoyBootstrap))]
    public void HttpFilters_RunJwtThenExtProcThenRouterLast(string file)
    {
        var names = EnvoyBootstrap.Load(file).HttpFilters.Select(f => f.Str("name")).ToList();

        var jwt = names.IndexOf("envoy.filters.http.jwt_authn");
        var extProc = names.IndexOf("envoy.filters.http.ext_proc");
        Assert.True(jwt >= 0 && extProc > jwt, "jwt_authn must run before ext_proc so Hush sees the verified identity");
        Assert.Equal("envoy.filters.http.router", names[^1]);
        Assert.Single(names, n => n == "envoy.filters.http.ext_proc");
        Assert.DoesNotContain("envoy.filters.http.decompressor", names);
    }

    [Theory]
    [MemberData(nameof(EnvoyBootstrap.Files), MemberType = typeof(EnvoyBootstrap))]
    public void HushCluster_IsH2cOnPort50051WithGrpcHealthCheck(string file)
    {
        var bootstrap = EnvoyBootstrap.Load(file);
        var hush = bootstrap.Clusters["hush"];

        var options = hush.Map("typed_extension_protocol_options").Map("envoy.extensions.upstreams.http.v3.HttpProtocolOptions");
        Assert.Equal("type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions", options.Str("@type"));
        Assert.True(options.Map("explicit_http_config").Has("http2_protocol_options"));
        Assert.False(hush.Has("transport_socket"), "Hush listens h2c (no TLS)");
        Assert.Equal(50051, bootstrap.Endpoint("hush").Port);
        var check = Assert.Single(hush.Seq("health_checks").Maps());
        Assert.True(check.Has("grpc_health_check"));
        Assert.True(check.Has("timeout") && check.Has("interval"));
        var thresholds = Assert.Single(hush.Map("circuit_breakers").Seq("thresholds").Maps());
        Assert.True(int.Parse(thresholds.Str("max_requests"), System.Globalization.CultureInfo.InvariantCulture) > 1024,
            "every LLM stream holds one ext_proc stream; Envoy's default 1024 would fail requests closed");
    }

    [Theory]
    [MemberData(nameof(EnvoyBootstrap.Files), MemberType = typeof(EnvoyBootstrap))]
    public void Routes_HaveNoRouteTimeoutLongIdleAndNoRetries(string file)
    {
        var bootstrap = EnvoyBootstrap.Load(file);

        var paths = bootstrap.Routes.Where(r => r.Has("route")).Select(r => r.Map("match").Str("path")).ToList();
        Assert.Equal(["/v1/chat/completions", "/v1/responses", "/v1/messages"], paths);

        // The deferred-hold collection path is answered by Hush; its route can never reach a provider.
        var approvals = Assert.Single(bootstrap.Routes, r => !r.Has("route"));
        Assert.Equal("/v1/hush/approvals/", approvals.Map("match").Str("prefix"));
        Assert.Equal("404", approvals.Map("direct_response").Str("status"));
        foreach (var route in bootstrap.Routes.Where(r => r.Has("route")).Select(r => r.Map("route")))
        {
            Assert.Equal(TimeSpan.Zero, Yaml.Duration(route.Str("timeout")));
            Assert.True(Yaml.Duration(route.Str("idle_timeout")) >= EnvoyApi.HoldBudget);
            Assert.False(route.Has("retry_policy"), "retries resend ext_proc-processed bodies");
            Assert.True(bootstrap.Clusters.ContainsKey(route.Str("cluster")));
        }
    }

    [Theory]
    [MemberData(nameof(EnvoyBootstrap.Files), MemberType = typeof(EnvoyBootstrap))]
    public void Hcm_StreamIdleTimeoutCoversHolds(string file)
    {
        var hcm = EnvoyBootstrap.Load(file).Hcm;

        Assert.True(Yaml.Duration(hcm.Str("stream_idle_timeout")) >= EnvoyApi.HoldBudget);
    }

    [Theory]
    [MemberData(nameof(EnvoyBootstrap.Files), MemberType = typeof(EnvoyBootstrap))]
    public void TypeUrls_AreAllKnown(string file)
    {
        var root = EnvoyBootstrap.Load(file).Root;

        var types = Yaml.FindAll(root, "@type").Select(n => Assert.IsType<YamlScalarNode>(n).Value).ToList();
        Assert.NotEmpty(types);
        Assert.All(types, t => Assert.Contains(t!, EnvoyApi.KnownTypeUrls));
    }

    [Theory]
    [MemberData(nameof(EnvoyBootstrap.Files), MemberType = typeof(EnvoyBootstrap))]
    public void JwtAuthn_StripsTokenAndPublishesPayload(string file)
    {
        var jwt = EnvoyBootstrap.Load(file).JwtAuthn;

        var provider = Assert.Single(jwt.Map("providers").Children.Values.Select(v => Assert.IsType<YamlMappingNode>(v)));
        Assert.All(provider.Keys(), key => Assert.Contains(key, EnvoyApi.JwtProviderFields));
        Assert.Equal("false", provider.Str("forward"));
        Assert.Equal("jwt_payload", provider.Str("payload_in_metadata"));
        var providerName = Assert.IsType<YamlScalarNode>(Assert.Single(jwt.Map("providers").Children.Keys)).Value;
        var rule = Assert.Single(jwt.Seq("rules").Maps());
        Assert.Equal("/v1/", rule.Map("match").Str("prefix"));
        Assert.Equal(providerName, rule.Map("requires").Str("provider_name"));
    }

    [Fact]
    public void Production_UsesRemoteJwksAndTlsUpstreams()
    {
        var bootstrap = EnvoyBootstrap.Load("envoy/envoy.yaml");

        var provider = Assert.IsType<YamlMappingNode>(Assert.Single(bootstrap.JwtAuthn.Map("providers").Children.Values));
        var httpUri = provider.Map("remote_jwks").Map("http_uri");
        Assert.StartsWith("https://", httpUri.Str("uri"), StringComparison.Ordinal);
        Assert.True(bootstrap.Clusters.ContainsKey(httpUri.Str("cluster")));
        Assert.Equal("127.0.0.1", bootstrap.Root.Map("admin").Map("address").Map("socket_address").Str("address"));
        foreach (var route in bootstrap.Routes.Where(r => r.Has("route")).Select(r => r.Map("route")))
        {
            var cluster = route.Str("cluster");
            var host = route.Str("host_rewrite_literal");
            Assert.Equal((host, 443), bootstrap.Endpoint(cluster));
            var tls = bootstrap.Clusters[cluster].Map("transport_socket").Map("typed_config");
            Assert.Equal(host, tls.Str("sni"));
            Assert.True(tls.Map("common_tls_context").Map("validation_context").Has("trusted_ca"), "upstream certificates must be verified");
        }

        Assert.Equal("api.anthropic.com", bootstrap.Routes.Single(r => r.Has("route") && r.Map("match").Str("path") == "/v1/messages").Map("route").Str("host_rewrite_literal"));
    }

    [Fact]
    public void Local_UsesLocalJwksFileThatMatchesTheDemoToken()
    {
        var bootstrap = EnvoyBootstrap.Load("envoy/envoy-local.yaml");
        var provider = Assert.IsType<YamlMappingNode>(Assert.Single(bootstrap.JwtAuthn.Map("providers").Children.Values));

        Assert.Equal("/etc/envoy/local/jwks.json", provider.Map("local_jwks").Str("filename"));
        using var jwks = JsonDocument.Parse(RepoFiles.Read("envoy/local/jwks.json"));
        var key = Assert.Single(jwks.RootElement.GetProperty("keys").EnumerateArray().ToList());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());

        var token = RepoFiles.Read("envoy/local/demo-token.jwt").Trim().Split('.');
        Assert.Equal(3, token.Length);
        using var header = JsonDocument.Parse(Base64Url(token[0]));
        using var payload = JsonDocument.Parse(Base64Url(token[1]));
        Assert.Equal(key.GetProperty("kid").GetString(), header.RootElement.GetProperty("kid").GetString());
        Assert.Equal(provider.Str("issuer"), payload.RootElement.GetProperty("iss").GetString());
        Assert.Contains(payload.RootElement.GetProperty("aud").GetString(), provider.Seq("audiences").Strs());
        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = Base64Url(key.GetProperty("n").GetString()!),
            Exponent = Base64Url(key.GetProperty("e").GetString()!),
        });
        Assert.True(rsa.VerifyData(Encoding.ASCII.GetBytes(token[0] + "." + token[1]), Base64Url(token[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            "demo-token.jwt is not signed by the key in jwks.json");
        Assert.Equal(("mock-llm", 8080), bootstrap.Endpoint("mock_llm"));
    }

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        return Convert.FromBase64String(padded);
    }
}
