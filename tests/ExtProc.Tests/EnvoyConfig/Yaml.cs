using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Hush.ExtProc.Tests.EnvoyConfig;

/// <summary>Navigation helpers over YamlDotNet's representation model, failing the test with the path on a miss.</summary>
internal static class Yaml
{
    /// <summary>Loads every document of a repository YAML file.</summary>
    public static IReadOnlyList<YamlMappingNode> LoadAll(string relative)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(RepoFiles.Read(relative));
        stream.Load(reader);
        return stream.Documents.Select(d => Assert.IsType<YamlMappingNode>(d.RootNode)).ToList();
    }

    /// <summary>Loads the single document of a repository YAML file.</summary>
    public static YamlMappingNode Load(string relative) => Assert.Single(LoadAll(relative));

    /// <summary>The child mapping at <paramref name="key"/>.</summary>
    public static YamlMappingNode Map(this YamlMappingNode node, string key) => Assert.IsType<YamlMappingNode>(node.Child(key));

    /// <summary>The child sequence at <paramref name="key"/>.</summary>
    public static YamlSequenceNode Seq(this YamlMappingNode node, string key) => Assert.IsType<YamlSequenceNode>(node.Child(key));

    /// <summary>The scalar text at <paramref name="key"/>.</summary>
    public static string Str(this YamlMappingNode node, string key) => Assert.IsType<YamlScalarNode>(node.Child(key)).Value ?? string.Empty;

    /// <summary>The child at <paramref name="key"/>, failing when it is absent.</summary>
    public static YamlNode Child(this YamlMappingNode node, string key)
    {
        Assert.True(node.Children.TryGetValue(new YamlScalarNode(key), out var child), $"missing key '{key}' at line {node.Start.Line}");
        return child!;
    }

    /// <summary>Whether the mapping has <paramref name="key"/>.</summary>
    public static bool Has(this YamlMappingNode node, string key) => node.Children.ContainsKey(new YamlScalarNode(key));

    /// <summary>The mapping's keys.</summary>
    public static IEnumerable<string> Keys(this YamlMappingNode node) =>
        node.Children.Keys.Select(k => Assert.IsType<YamlScalarNode>(k).Value ?? string.Empty);

    /// <summary>The mappings of a sequence.</summary>
    public static IEnumerable<YamlMappingNode> Maps(this YamlSequenceNode node) => node.Children.Select(c => Assert.IsType<YamlMappingNode>(c));

    /// <summary>The scalar texts of a sequence.</summary>
    public static List<string> Strs(this YamlSequenceNode node) =>
        node.Children.Select(c => Assert.IsType<YamlScalarNode>(c).Value ?? string.Empty).ToList();

    /// <summary>Every value of <c>key</c> anywhere below <paramref name="node"/>.</summary>
    public static IEnumerable<YamlNode> FindAll(YamlNode node, string key)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var pair in map.Children)
                {
                    if (pair.Key is YamlScalarNode { Value: var name } && name == key)
                    {
                        yield return pair.Value;
                    }

                    foreach (var found in FindAll(pair.Value, key))
                    {
                        yield return found;
                    }
                }

                break;
            case YamlSequenceNode seq:
                foreach (var item in seq.Children)
                {
                    foreach (var found in FindAll(item, key))
                    {
                        yield return found;
                    }
                }

                break;
        }
    }

    /// <summary>Parses an Envoy JSON/YAML duration such as <c>2s</c>, <c>0.5s</c> or <c>3600s</c>.</summary>
    public static TimeSpan Duration(string text)
    {
        Assert.EndsWith("s", text, StringComparison.Ordinal);
        var seconds = decimal.Parse(text[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
    }
}
