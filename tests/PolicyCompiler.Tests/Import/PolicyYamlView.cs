using YamlDotNet.RepresentationModel;

namespace Hush.PolicyCompiler.Tests.Import;

/// <summary>Reads an imported policy back with YamlDotNet so tests check values, not text layout.</summary>
internal sealed class PolicyYamlView
{
    private readonly YamlMappingNode _root;

    public PolicyYamlView(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        _root = (YamlMappingNode)stream.Documents[0].RootNode;
    }

    /// <summary>A top-level scalar.</summary>
    public string Top(string key) => ((YamlScalarNode)_root[key]).Value!;

    /// <summary>The rules, in order.</summary>
    public IReadOnlyList<RuleView> Rules => _root["rules"] is YamlSequenceNode seq
        ? seq.Children.Select(n => new RuleView((YamlMappingNode)n)).ToList()
        : [];

    /// <summary>The rule with <paramref name="id"/>.</summary>
    public RuleView Rule(string id) => Rules.Single(r => r.Id == id);

    /// <summary>One rule mapping.</summary>
    internal sealed class RuleView(YamlMappingNode node)
    {
        public string Id => Scalar("id")!;

        public IEnumerable<string> Keys => node.Children.Keys.Select(k => ((YamlScalarNode)k).Value!);

        public string? Scalar(string key) =>
            node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? ((YamlScalarNode)v).Value : null;

        public IReadOnlyList<string> Keywords => node.Children.TryGetValue(new YamlScalarNode("keywords"), out var v)
            ? ((YamlSequenceNode)v).Children.Select(n => ((YamlScalarNode)n).Value!).ToList()
            : [];

        /// <summary>Allow entries: plain strings as-is, regex mappings as "regex:" + pattern.</summary>
        public IReadOnlyList<string> Allow => node.Children.TryGetValue(new YamlScalarNode("allow"), out var v)
            ? ((YamlSequenceNode)v).Children.Select(n => n is YamlScalarNode s
                ? s.Value!
                : "regex:" + ((YamlScalarNode)((YamlMappingNode)n)["regex"]).Value).ToList()
            : [];
    }
}
