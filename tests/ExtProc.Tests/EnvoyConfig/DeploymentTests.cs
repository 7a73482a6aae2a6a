using YamlDotNet.RepresentationModel;

namespace Hush.ExtProc.Tests.EnvoyConfig;

/// <summary>docker-compose, Dockerfiles and Prometheus agree with each other and with Hush's defaults.</summary>
public sealed class DeploymentTests
{
    private static YamlMappingNode Service(string name) => Yaml.Load("envoy/docker-compose.yaml").Map("services").Map(name);

    [Fact]
    public void Compose_HushEnvironmentMatchesEnvoyAndPrometheus()
    {
        var env = Service("hush").Map("environment");
        var local = EnvoyBootstrap.Load("envoy/envoy-local.yaml");

        Assert.Equal(("hush", int.Parse(env.Str("Hush__GrpcPort"), System.Globalization.CultureInfo.InvariantCulture)), local.Endpoint("hush"));
        Assert.Equal("50051", env.Str("Hush__GrpcPort"));
        Assert.Equal("9080", env.Str("Hush__AdminPort"));
        Assert.EndsWith(".hushpolicy", env.Str("Hush__PolicyPath"), StringComparison.Ordinal);
        Assert.Contains("Hush__PolicyPath=" + env.Str("Hush__PolicyPath"), RepoFiles.Read("envoy/Dockerfile"), StringComparison.Ordinal);

        var prometheus = Yaml.Load("envoy/prometheus.yml");
        var hushJob = prometheus.Seq("scrape_configs").Maps().Single(j => j.Str("job_name") == "hush");
        Assert.Equal("/metrics", hushJob.Str("metrics_path"));
        Assert.Equal(["hush:" + env.Str("Hush__AdminPort")], Assert.Single(hushJob.Seq("static_configs").Maps()).Seq("targets").Strs());
    }

    [Fact]
    public void Compose_EnvoyIsPinnedAndMountsTheLocalConfig()
    {
        var envoy = Service("envoy");

        Assert.Matches(@"^envoyproxy/envoy:v1\.\d+\.\d+$", envoy.Str("image"));
        var volumes = envoy.Seq("volumes").Strs();
        Assert.Contains("./envoy-local.yaml:/etc/envoy/envoy.yaml:ro", volumes);
        var jwksMount = Assert.Single(volumes, v => v.Contains("jwks.json", StringComparison.Ordinal)).Split(':');
        Assert.True(File.Exists(RepoFiles.PathOf(Path.Combine("envoy", jwksMount[0]))));
        var local = EnvoyBootstrap.Load("envoy/envoy-local.yaml");
        var provider = Assert.IsType<YamlMappingNode>(Assert.Single(local.JwtAuthn.Map("providers").Children.Values));
        Assert.Equal(provider.Map("local_jwks").Str("filename"), jwksMount[1]);
        Assert.Contains("10000:10000", envoy.Seq("ports").Strs());
        Assert.Matches(@"^prom/prometheus:v\d+\.\d+\.\d+$", Service("prometheus").Str("image"));
    }

    [Fact]
    public void Compose_MockLlmMatchesTheLocalUpstreamCluster()
    {
        var mock = Service("mock-llm");
        var (address, port) = EnvoyBootstrap.Load("envoy/envoy-local.yaml").Endpoint("mock_llm");

        Assert.Equal("mock-llm", address);
        Assert.Equal("envoy/" + Path.GetFileName(mock.Map("build").Str("dockerfile")), mock.Map("build").Str("dockerfile"));
        Assert.Contains($"\"0.0.0.0:{port}\"", RepoFiles.Read(mock.Map("build").Str("dockerfile")), StringComparison.Ordinal);
    }

    [Fact]
    public void HushDockerfile_IsMultiStageNonRootWithHealthCheck()
    {
        var dockerfile = RepoFiles.Read("envoy/Dockerfile");
        var lines = dockerfile.Split('\n');

        Assert.Equal(2, lines.Count(l => l.StartsWith("FROM ", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", StringComparison.Ordinal));
        Assert.Contains("hushc.dll compile policies/default.yaml", dockerfile, StringComparison.Ordinal);
        Assert.Contains("hushc.dll test policies/default.yaml", dockerfile, StringComparison.Ordinal);
        var user = Assert.Single(lines, l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.DoesNotContain("root", user, StringComparison.Ordinal);
        Assert.Contains("EXPOSE 50051 9080", lines);
        Assert.Contains(lines, l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
        Assert.Contains("/dev/tcp/127.0.0.1/9080", dockerfile, StringComparison.Ordinal);
        Assert.Contains("GET /healthz", dockerfile, StringComparison.Ordinal);
        // The runtime stage starts after the second FROM: nothing from the SDK stage but the published output.
        var runtime = dockerfile[dockerfile.IndexOf("FROM mcr.microsoft.com/dotnet/aspnet", StringComparison.Ordinal)..];
        Assert.DoesNotContain("dotnet publish", runtime, StringComparison.Ordinal);
    }
}
