using YamlDotNet.RepresentationModel;

namespace Hush.ExtProc.Tests.EnvoyConfig;

/// <summary>The Istio EnvoyFilter and the Envoy Gateway EnvoyExtensionPolicy examples keep the same safety settings.</summary>
public sealed class MeshConfigTests
{
    [Fact]
    public void Istio_InsertsFailClosedStreamedExtProcBeforeRouter()
    {
        var filter = Yaml.Load("envoy/istio/envoyfilter.yaml");
        Assert.Equal("networking.istio.io/v1alpha3", filter.Str("apiVersion"));
        Assert.Equal("EnvoyFilter", filter.Str("kind"));
        var patches = filter.Map("spec").Seq("configPatches").Maps().ToList();

        var httpPatch = Assert.Single(patches, p => p.Str("applyTo") == "HTTP_FILTER");
        Assert.Contains(httpPatch.Map("match").Str("context"), new[] { "GATEWAY", "SIDECAR_OUTBOUND" });
        Assert.Equal("envoy.filters.http.router", httpPatch.Map("match").Map("listener").Map("filterChain").Map("filter").Map("subFilter").Str("name"));
        Assert.Equal("INSERT_BEFORE", httpPatch.Map("patch").Str("operation"));
        var value = httpPatch.Map("patch").Map("value");
        Assert.Equal("envoy.filters.http.ext_proc", value.Str("name"));
        var extProc = value.Map("typed_config");
        ExtProcFilterTests.AssertExtProcKeys(extProc);
        Assert.Equal("false", extProc.Str("failure_mode_allow"));
        Assert.Equal("STREAMED", extProc.Map("processing_mode").Str("response_body_mode"));
        Assert.True(Yaml.Duration(extProc.Str("max_message_timeout")) <= EnvoyApi.MaxMessageTimeoutLimit);
        Assert.Equal(["envoy.filters.http.jwt_authn"], extProc.Map("metadata_options").Map("forwarding_namespaces").Seq("untyped").Strs());

        var clusterPatch = Assert.Single(patches, p => p.Str("applyTo") == "CLUSTER");
        var cluster = clusterPatch.Map("patch").Map("value");
        Assert.Equal(extProc.Map("grpc_service").Map("envoy_grpc").Str("cluster_name"), cluster.Str("name"));
        Assert.True(cluster.Map("typed_extension_protocol_options").Map("envoy.extensions.upstreams.http.v3.HttpProtocolOptions").Map("explicit_http_config").Has("http2_protocol_options"));
        Assert.True(Assert.Single(cluster.Seq("health_checks").Maps()).Has("grpc_health_check"));

        var types = Yaml.FindAll(filter, "@type").Select(n => Assert.IsType<YamlScalarNode>(n).Value!).ToList();
        Assert.All(types, t => Assert.Contains(t, EnvoyApi.KnownTypeUrls));
    }

    [Fact]
    public void EnvoyGateway_PolicyFailsClosedAndStreamsResponses()
    {
        var documents = Yaml.LoadAll("envoy/envoy-gateway/extension-policy.yaml");
        var policy = Assert.Single(documents, d => d.Str("kind") == "EnvoyExtensionPolicy");
        Assert.Equal("gateway.envoyproxy.io/v1alpha1", policy.Str("apiVersion"));

        var spec = policy.Map("spec");
        Assert.All(spec.Keys(), k => Assert.Contains(k, new[] { "targetRef", "targetRefs", "targetSelectors", "extProc", "wasm", "lua" }));
        var extProc = Assert.Single(spec.Seq("extProc").Maps());
        Assert.All(extProc.Keys(), k => Assert.Contains(k, new[] { "backendRef", "backendRefs", "backendSettings", "stage", "messageTimeout", "failOpen", "processingMode", "metadata" }));
        Assert.Equal("false", extProc.Str("failOpen"));
        Assert.InRange(Yaml.Duration(extProc.Str("messageTimeout")), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));
        var mode = extProc.Map("processingMode");
        Assert.Equal("Streamed", mode.Map("response").Str("body"));
        Assert.Equal("Buffered", mode.Map("request").Str("body"));
        Assert.Contains("envoy.filters.http.jwt_authn", extProc.Map("metadata").Seq("accessibleNamespaces").Strs());
        var backend = Assert.Single(extProc.Seq("backendRefs").Maps());
        Assert.Equal("50051", backend.Str("port"));

        // The Service must announce h2c, or Envoy Gateway opens HTTP/1.1 to a gRPC server.
        var service = Assert.Single(documents, d => d.Str("kind") == "Service");
        var grpcPort = service.Map("spec").Seq("ports").Maps().Single(p => p.Str("port") == "50051");
        Assert.Equal("kubernetes.io/h2c", grpcPort.Str("appProtocol"));
    }
}
