using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Hush.PolicyCompiler.Policies;

/// <summary>
/// Reads a policy file into a <see cref="YamlNodeBase"/> tree with positions, using YamlDotNet's low-level
/// parser so every scalar keeps its raw span (for <see cref="ScalarSourceMap"/>).
/// </summary>
internal static partial class YamlTreeReader
{
    /// <summary>Parses the single document of <paramref name="source"/>; null (with diagnostics) when it is not valid YAML.</summary>
    public static YamlNodeBase? Read(SourceText source, List<Diagnostic> diagnostics)
    {
        var parser = new Parser(new StringReader(source.Text));
        var anchors = new Dictionary<string, YamlNodeBase>(StringComparer.Ordinal);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                diagnostics.Add(source.Error(0, "the policy is empty"));
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, source, anchors, diagnostics);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                diagnostics.Add(source.Error((int)second.Start.Index, "a policy file holds one YAML document"));
                return null;
            }

            return root;
        }
        catch (YamlException e)
        {
            diagnostics.Add(source.Error((int)e.Start.Index, CleanMessage(e)));
            return null;
        }
    }

    private static YamlNodeBase ReadNode(
        IParser parser, SourceText source, Dictionary<string, YamlNodeBase> anchors, List<Diagnostic> diagnostics)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (anchors.TryGetValue(alias.Value.Value, out var target))
            {
                return target;
            }

            throw new YamlException(alias.Start, alias.End, $"unknown alias `*{alias.Value.Value}`");
        }

        YamlNodeBase node;
        NodeEvent started;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            started = scalar;
            var start = (int)scalar.Start.Index;
            var end = (int)scalar.End.Index;
            node = new YamlScalar(start, end, scalar.Value, scalar.Style,
                ScalarSourceMap.Build(source, start, end, scalar.Style, scalar.Value));
        }
        else if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            started = sequenceStart;
            var items = new List<YamlNodeBase>();
            var sequenceEndIndex = (int)sequenceStart.End.Index;
            while (true)
            {
                if (parser.TryConsume<SequenceEnd>(out var sequenceEnd))
                {
                    sequenceEndIndex = (int)sequenceEnd.End.Index;
                    break;
                }

                items.Add(ReadNode(parser, source, anchors, diagnostics));
            }

            node = new YamlSequence((int)sequenceStart.Start.Index, sequenceEndIndex, items);
        }
        else if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            started = mappingStart;
            node = ReadMapping(parser, source, anchors, diagnostics, mappingStart);
        }
        else
        {
            var current = parser.Current!;
            throw new YamlException(current.Start, current.End, "unexpected YAML event");
        }

        if (!started.Anchor.IsEmpty)
        {
            anchors[started.Anchor.Value] = node;
        }

        return node;
    }

    private static YamlMapping ReadMapping(IParser parser, SourceText source,
        Dictionary<string, YamlNodeBase> anchors, List<Diagnostic> diagnostics, MappingStart mappingStart)
    {
        var entries = new List<KeyValuePair<YamlScalar, YamlNodeBase>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var end = (int)mappingStart.End.Index;
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyNode = ReadNode(parser, source, anchors, diagnostics);
            var value = ReadNode(parser, source, anchors, diagnostics);
            if (keyNode is not YamlScalar key)
            {
                diagnostics.Add(source.Error(keyNode.Start, $"a mapping key must be a scalar, found {keyNode.KindName}"));
                continue;
            }

            if (!seen.Add(key.Value))
            {
                diagnostics.Add(source.Error(key.Start, $"duplicate key `{key.Value}`"));
                continue;
            }

            entries.Add(new(key, value));
            end = value.End;
        }

        return new YamlMapping((int)mappingStart.Start.Index, end, entries);
    }

    /// <summary>YamlDotNet prefixes messages with "(Line: …, Col: …)"; the diagnostic carries the position already.</summary>
    private static string CleanMessage(YamlException e)
    {
        var message = MarkPrefix().Replace(e.Message, "").Trim();
        return message.Length == 0 ? "invalid YAML" : "invalid YAML: " + message;
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex MarkPrefix();
}
