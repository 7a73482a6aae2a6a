using YamlDotNet.RepresentationModel;

namespace Hush.ExtProc.Tests.EnvoyConfig;

/// <summary>The parts of an Envoy bootstrap file (envoy.yaml, envoy-local.yaml) the tests look at.</summary>
internal sealed class EnvoyBootstrap
{
    private EnvoyBootstrap(string file, YamlMappingNode root)
    {
        File = file;
        Root = root;
        var listener = Assert.Single(root.Map("static_resources").Seq("listeners").Maps());
        Listener = listener;
        var filters = Assert.Single(listener.Seq("filter_chains").Maps()).Seq("filters").Maps().ToList();
        var hcm = Assert.Single(filters, f => f.Str("name") == "envoy.filters.network.http_connection_manager");
        Hcm = hcm.Map("typed_config");
        HttpFilters = Hcm.Seq("http_filters").Maps().ToList();
        ExtProc = Filter("envoy.filters.http.ext_proc");
        JwtAuthn = Filter("envoy.filters.http.jwt_authn");
        Clusters = root.Map("static_resources").Seq("clusters").Maps().ToDictionary(c => c.Str("name"));
        Routes = Assert.Single(Hcm.Map("route_config").Seq("virtual_hosts").Maps()).Seq("routes").Maps().ToList();
    }

    /// <summary>Repository-relative file name.</summary>
    public string File { get; }

    /// <summary>The whole document.</summary>
    public YamlMappingNode Root { get; }

    /// <summary>The single listener.</summary>
    public YamlMappingNode Listener { get; }

    /// <summary>The HttpConnectionManager typed_config.</summary>
    public YamlMappingNode Hcm { get; }

    /// <summary>The HTTP filters in order.</summary>
    public List<YamlMappingNode> HttpFilters { get; }

    /// <summary>The ext_proc typed_config.</summary>
    public YamlMappingNode ExtProc { get; }

    /// <summary>The jwt_authn typed_config.</summary>
    public YamlMappingNode JwtAuthn { get; }

    /// <summary>Clusters by name.</summary>
    public Dictionary<string, YamlMappingNode> Clusters { get; }

    /// <summary>The routes of the single virtual host.</summary>
    public List<YamlMappingNode> Routes { get; }

    /// <summary>Both bootstrap files, for theories.</summary>
    public static TheoryData<string> Files => new() { "envoy/envoy.yaml", "envoy/envoy-local.yaml" };

    /// <summary>Loads a bootstrap file.</summary>
    public static EnvoyBootstrap Load(string file) => new(file, Yaml.Load(file));

    /// <summary>The (address, port) of a cluster's single endpoint.</summary>
    public (string Address, int Port) Endpoint(string cluster)
    {
        var lbEndpoint = Assert.Single(Assert.Single(Clusters[cluster].Map("load_assignment").Seq("endpoints").Maps()).Seq("lb_endpoints").Maps());
        var socket = lbEndpoint.Map("endpoint").Map("address").Map("socket_address");
        return (socket.Str("address"), int.Parse(socket.Str("port_value"), System.Globalization.CultureInfo.InvariantCulture));
    }

    private YamlMappingNode Filter(string name) => Assert.Single(HttpFilters, f => f.Str("name") == name).Map("typed_config");
}
