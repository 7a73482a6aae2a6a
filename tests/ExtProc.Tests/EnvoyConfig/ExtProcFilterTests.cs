using YamlDotNet.RepresentationModel;

namespace Hush.ExtProc.Tests.EnvoyConfig;

/// <summary>The ext_proc filter block of both bootstrap files: the settings that keep masking fail-closed.</summary>
public sealed class ExtProcFilterTests
{
    [Theory]
    [MemberData(nameof(EnvoyBootstrap.Files), MemberType = typeof(EnvoyBootstrap))]
    public void ExtProc_FailsClosed(string file)
    {
        var extProc = EnvoyBootstrap.Load(file).ExtProc;

        Assert.Equal("false", extProc.Str("failure_mode_allow"));
        Assert.False(extProc.Has("observability_mode"), "observability mode ignores Hush's answers");
        Assert.False(extProc.Has("disable_immediate_response"), "Hush needs immediate responses to refuse");
    }

    [Theory]
    [MemberData(nameof(EnvoyBootstrap.Files), MemberType = typeof(EnvoyBootstrap))]
    public void ProcessingMode_StreamsResponseAndBuffersRequest(string file)
    {
        var mode = EnvoyBootstrap.Load(file).ExtProc.Map("processing_mode");

        Assert.Equal("SEND", mode.Str("request_header_mode"));
        Assert.Equal("BUFFERED", mode.Str("request_body_mode"));
        Assert.Equal("SKIP", mode.Str("request_trailer_mode"));
        Assert.Equal("SEND", mode.Str("response_header_mode"));
        Assert.Equal("STREAMED", mode.Str("response_body_mode"));
        // SEND so an upstream that ends with trailers still gives Hush an end-of-body signal.
        Assert.Equal("SEND", mode.Str("response_trailer_mode"));
    }

    [Theory]
    [MemberData(nameof(EnvoyBootstrap.Files), MemberType = typeof(EnvoyBootstrap))]
    public void MessageTimeouts_ArePresentAndWithinEnvoyLimits(string file)
    {
        var extProc = EnvoyBootstrap.Load(file).ExtProc;

        var message = Yaml.Duration(extProc.Str("message_timeout"));
        var max = Yaml.Duration(extProc.Str("max_message_timeout"));
        Assert.InRange(message, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));
        Assert.True(max <= EnvoyApi.MaxMessageTimeoutLimit, $"max_message_timeout {max} exceeds Envoy's 3600s");
        Assert.True(max >= message, "max_message_timeout below message_timeout disables override_message_timeout");
    }

    [Theory]
    [MemberData(nameof(EnvoyBootstrap.Files), MemberType = typeof(EnvoyBootstrap))]
    public void Metadata_ForwardsJwtNamespaceAndReceivesHush(string file)
    {
        var options = EnvoyBootstrap.Load(file).ExtProc.Map("metadata_options");

        Assert.Equal(["envoy.filters.http.jwt_authn"], options.Map("forwarding_namespaces").Seq("untyped").Strs());
        Assert.Equal(["hush"], options.Map("receiving_namespaces").Seq("untyped").Strs());
    }

    [Theory]
    [MemberData(nameof(EnvoyBootstrap.Files), MemberType = typeof(EnvoyBootstrap))]
    public void ModeOverride_AllowsOnlySwitchingOneBodyOff(string file)
    {
        var extProc = EnvoyBootstrap.Load(file).ExtProc;
        var configured = extProc.Map("processing_mode");

        Assert.Equal("true", extProc.Str("allow_mode_override"));
        Assert.True(!extProc.Has("send_body_without_waiting_for_header_response") || extProc.Str("send_body_without_waiting_for_header_response") == "false",
            "it makes Envoy ignore mode_override");
        var allowed = extProc.Seq("allowed_override_modes").Maps().ToList();
        Assert.Equal(2, allowed.Count);
        foreach (var mode in allowed)
        {
            // Envoy compares body modes literally (unset = NONE): each entry keeps one configured body mode and turns
            // the other off, exactly what Hush sends for a binary body.
            Assert.All(mode.Keys(), key => Assert.Contains(key, EnvoyApi.ProcessingModeFields));
            var request = mode.Str("request_body_mode");
            var response = mode.Str("response_body_mode");
            Assert.True(
                (request == "NONE" && response == configured.Str("response_body_mode"))
                || (response == "NONE" && request == configured.Str("request_body_mode")),
                $"override {request}/{response} is not a one-direction skip");
        }
    }

    [Theory]
    [MemberData(nameof(EnvoyBootstrap.Files), MemberType = typeof(EnvoyBootstrap))]
    public void ExtProcKeys_AreEnvoyFieldNames(string file)
    {
        var extProc = EnvoyBootstrap.Load(file).ExtProc;

        AssertExtProcKeys(extProc);
    }

    [Theory]
    [MemberData(nameof(EnvoyBootstrap.Files), MemberType = typeof(EnvoyBootstrap))]
    public void GrpcService_PointsAtTheHushCluster(string file)
    {
        var bootstrap = EnvoyBootstrap.Load(file);

        var cluster = bootstrap.ExtProc.Map("grpc_service").Map("envoy_grpc").Str("cluster_name");
        Assert.Equal("hush", cluster);
        Assert.True(bootstrap.Clusters.ContainsKey(cluster));
    }

    /// <summary>Checks every key of an ext_proc block (and its nested messages) against Envoy's field names.</summary>
    internal static void AssertExtProcKeys(YamlMappingNode extProc)
    {
        foreach (var key in extProc.Keys())
        {
            Assert.True(key == "@type" || EnvoyApi.ExternalProcessorFields.Contains(key), $"'{key}' is not an ExternalProcessor field");
        }

        var mode = extProc.Map("processing_mode");
        foreach (var key in mode.Keys())
        {
            Assert.Contains(key, EnvoyApi.ProcessingModeFields);
            var allowedValues = key.EndsWith("_body_mode", StringComparison.Ordinal) ? EnvoyApi.BodySendModes : EnvoyApi.HeaderSendModes;
            Assert.Contains(mode.Str(key), allowedValues);
        }

        var metadata = extProc.Map("metadata_options");
        foreach (var key in metadata.Keys())
        {
            Assert.Contains(key, EnvoyApi.MetadataOptionsFields);
            Assert.All(metadata.Map(key).Keys(), k => Assert.Contains(k, EnvoyApi.MetadataNamespacesFields));
        }
    }
}
