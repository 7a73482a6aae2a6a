using YamlDotNet.RepresentationModel;

namespace Hush.ExtProc.Tests.EnvoyConfig;

/// <summary>
/// The shipped Envoy configs parsed against Envoy's real API protos (structure, field names, types, enums, <c>@type</c>s),
/// and proof that the validator rejects what Envoy's loader rejects.
/// </summary>
public sealed class EnvoyProtoValidationTests(EnvoyProtoFixture fixture) : IClassFixture<EnvoyProtoFixture>
{
    private const string Bootstrap = "envoy.config.bootstrap.v3.Bootstrap";
    private const string Hcm = "static_resources.listeners[0].filter_chains[0].filters[0].typed_config";
    private const string ExtProc = Hcm + ".http_filters[1].typed_config";

    /// <summary>Broken copies of a bootstrap: file, line prefix to change, its replacement, expected path, message fragment.</summary>
    public static TheoryData<string, string, string, string, string> Mutations => new()
    {
        { "envoy/envoy.yaml", "failure_mode_allow: false", "failure_mode_alow: false", ExtProc + ".failure_mode_alow", "unknown field 'failure_mode_alow' in envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor" },
        { "envoy/envoy.yaml", "response_body_mode: STREAMED", "response_body_mode: STREAMING", ExtProc + ".processing_mode.response_body_mode", "'STREAMING' is not a value of envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode" },
        { "envoy/envoy.yaml", "\"@type\": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router", "\"@type\": type.googleapis.com/envoy.extensions.filters.http.router.v3.Routr", Hcm + ".http_filters[2].typed_config.@type", "unknown type URL 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Routr'" },
        { "envoy/envoy.yaml", "message_timeout: 2s", "message_timeout: 2", ExtProc + ".message_timeout", "expected a duration string such as '1.5s', got the number 2" },
        { "envoy/envoy-local.yaml", "route: { cluster: mock_llm,", "route: { cluster: mock_llm, cluster_header: x-target,", Hcm + ".route_config.virtual_hosts[0].routes[1].route.cluster_header", "oneof 'cluster_specifier' of envoy.config.route.v3.RouteAction is already set by 'cluster'" },
        { "envoy/envoy-local.yaml", "request_attributes: [", "request_attributes: request.path #", ExtProc + ".request_attributes", "'request_attributes' is repeated: expected a sequence" },
        { "envoy/envoy-local.yaml", "stat_prefix: llm_ingress", "stat_prefix: 404", Hcm + ".stat_prefix", "expected a string, got the number 404 (quote it" },
    };

    [Theory]
    [MemberData(nameof(EnvoyBootstrap.Files), MemberType = typeof(EnvoyBootstrap))]
    public void Bootstrap_ParsesAsEnvoysBootstrapProto(string file)
    {
        var report = Validate(Yaml.Load(file), Bootstrap);

        Assert.True(report.Errors.Count == 0, $"{file} does not parse as {Bootstrap}:\n{report.Describe()}");
    }

    [Theory]
    [MemberData(nameof(EnvoyBootstrap.Files), MemberType = typeof(EnvoyBootstrap))]
    public void Bootstrap_SetsNoDeprecatedField(string file)
    {
        var report = Validate(Yaml.Load(file), Bootstrap);

        Assert.True(report.Deprecated.Count == 0, $"{file} sets deprecated fields:\n{string.Join('\n', report.Deprecated)}");
    }

    [Fact]
    public void Istio_PatchValuesParseAsTheTypesTheyPatch()
    {
        var patches = Yaml.Load("envoy/istio/envoyfilter.yaml").Map("spec").Seq("configPatches").Maps().ToList();
        var errors = new List<ProtoYamlError>();

        for (var i = 0; i < patches.Count; i++)
        {
            // EnvoyFilter applyTo decides the message the patch value is merged into (Istio API, EnvoyFilter.ApplyTo).
            var type = patches[i].Str("applyTo") switch
            {
                "HTTP_FILTER" => "envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter",
                "NETWORK_FILTER" => "envoy.config.listener.v3.Filter",
                "LISTENER" => "envoy.config.listener.v3.Listener",
                "CLUSTER" => "envoy.config.cluster.v3.Cluster",
                "ROUTE_CONFIGURATION" => "envoy.config.route.v3.RouteConfiguration",
                var other => throw new InvalidOperationException($"configPatches[{i}]: no message known for applyTo {other}"),
            };
            errors.AddRange(Validate(patches[i].Map("patch").Map("value"), type, $"spec.configPatches[{i}].patch.value").Errors);
        }

        Assert.Equal(["HTTP_FILTER", "NETWORK_FILTER", "CLUSTER"], patches.Select(p => p.Str("applyTo")));
        Assert.True(errors.Count == 0, "envoy/istio/envoyfilter.yaml:\n" + string.Join('\n', errors));
    }

    [Theory]
    [MemberData(nameof(Mutations))]
    public void Validator_ReportsABrokenCopyAtThePathAndLine(string file, string from, string to, string path, string message)
    {
        var lines = RepoFiles.Read(file).Split('\n');
        var index = Array.FindIndex(lines, l => l.TrimStart().StartsWith(from, StringComparison.Ordinal));
        Assert.True(index >= 0, $"{file} has no line starting with '{from}'");
        var column = lines[index].IndexOf(from, StringComparison.Ordinal);
        lines[index] = lines[index][..column] + to + lines[index][(column + from.Length)..];
        var stream = new YamlStream();
        stream.Load(new StringReader(string.Join('\n', lines)));

        var report = Validate(stream.Documents[0].RootNode, Bootstrap);

        var error = Assert.Single(report.Errors);
        Assert.Equal(path, error.Path);
        Assert.Equal(index + 1, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ProtoYamlCases.Valid), MemberType = typeof(ProtoYamlCases))]
    public void Validator_AcceptsWhatEnvoysLoaderAccepts(string type, string yaml)
    {
        var report = Validate(Parse(yaml), type);

        Assert.True(report.Errors.Count == 0, report.Describe());
    }

    [Theory]
    [MemberData(nameof(ProtoYamlCases.Invalid), MemberType = typeof(ProtoYamlCases))]
    public void Validator_RejectsWhatEnvoysLoaderRejects(string type, string yaml, string path, string message)
    {
        var report = Validate(Parse(yaml), type);

        var error = Assert.Single(report.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_FlagsDeprecatedFieldsSeparately()
    {
        // HeaderValueOption.append is deprecated in favour of append_action.
        var report = Validate(Parse("header: { key: x, value: v }\nappend: true"), "envoy.config.core.v3.HeaderValueOption");

        Assert.Empty(report.Errors);
        Assert.Equal("append", Assert.Single(report.Deprecated).Path);
    }

    private ProtoYamlReport Validate(YamlNode node, string type, string path = "") =>
        ProtoYamlValidator.Validate(node, fixture.Protos.Message(type), fixture.Protos.FindMessage, path);

    private static YamlNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents[0].RootNode;
    }
}
