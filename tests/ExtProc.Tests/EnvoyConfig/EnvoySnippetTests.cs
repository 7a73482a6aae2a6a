using YamlDotNet.RepresentationModel;

namespace Hush.ExtProc.Tests.EnvoyConfig;

/// <summary>
/// The "add Hush to an existing Envoy" snippets operators copy from the docs parse against Envoy's API protos too:
/// a sequence is a list of HTTP filters; a mapping's keys are fields of the HttpConnectionManager, a route or the
/// static resources (the snippets show pieces of each).
/// </summary>
public sealed class EnvoySnippetTests(EnvoyProtoFixture fixture) : IClassFixture<EnvoyProtoFixture>
{
    private const string HttpFilter = "envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter";

    /// <summary>The types a snippet's top-level keys may belong to, in the order they are tried.</summary>
    private static readonly string[] s_fragmentTypes =
    [
        "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
        "envoy.config.route.v3.Route",
        "envoy.config.bootstrap.v3.Bootstrap.StaticResources",
    ];

    /// <summary>Markdown files with Envoy snippets.</summary>
    public static TheoryData<string> Files => new() { "README.md", "envoy/README.md", "docs/envoy.md" };

    [Theory]
    [MemberData(nameof(Files))]
    public void Snippets_ParseAsEnvoyConfigFragments(string file)
    {
        var snippets = Snippets(file);
        var errors = new List<string>();

        foreach (var (line, root) in snippets)
        {
            var where = $"{file} (yaml block at line {line})";
            switch (root)
            {
                case YamlSequenceNode filters:
                    for (var i = 0; i < filters.Children.Count; i++)
                    {
                        errors.AddRange(Check(filters.Children[i], HttpFilter, $"[{i}]", where));
                    }

                    break;
                case YamlMappingNode fragment:
                    foreach (var (key, value) in fragment.Children)
                    {
                        var name = ((YamlScalarNode)key).Value!;
                        var type = s_fragmentTypes.FirstOrDefault(t => fixture.Protos.Message(t).FindFieldByName(name) is not null);
                        if (type is null)
                        {
                            errors.Add($"{where}: '{name}' is a field of none of {string.Join(", ", s_fragmentTypes)}");
                            continue;
                        }

                        errors.AddRange(Check(new YamlMappingNode { { key, value } }, type, string.Empty, where));
                    }

                    break;
                default:
                    errors.Add($"{where}: neither a filter list nor a mapping");
                    break;
            }
        }

        Assert.NotEmpty(snippets);
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    private IEnumerable<string> Check(YamlNode node, string type, string path, string where) =>
        ProtoYamlValidator.Validate(node, fixture.Protos.Message(type), fixture.Protos.FindMessage, path)
            .Errors.Select(e => $"{where}: {e}");

    /// <summary>Every ```yaml block of the file that configures the ext_proc filter, with its first line number.</summary>
    private static List<(int Line, YamlNode Root)> Snippets(string file)
    {
        var lines = RepoFiles.Read(file).Split('\n');
        var snippets = new List<(int, YamlNode)>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd() != "```yaml")
            {
                continue;
            }

            var end = Array.FindIndex(lines, i + 1, l => l.TrimEnd() == "```");
            var block = string.Join('\n', lines[(i + 1)..end]);
            if (block.Contains("envoy.filters.http.ext_proc", StringComparison.Ordinal))
            {
                var stream = new YamlStream();
                stream.Load(new StringReader(block));
                snippets.Add((i + 2, stream.Documents[0].RootNode));
            }

            i = end;
        }

        return snippets;
    }
}
