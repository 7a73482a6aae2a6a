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
    /// <summary>
    /// Deepest nesting of sequences and mappings accepted. A policy needs about five levels; the reader recurses once
    /// per level, so without a cap a file of brackets overflows the stack, which no handler can catch.
    /// </summary>
    public const int MaxDepth = 64;

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
            var root = ReadNode(parser, source, anchors, diagnostics, depth: 1);
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
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner and tag parser throw these (not YamlException) on some malformed input, found by
            // fuzzing: "Operation is not valid due to the current state of the object", "Tag value must not be empty".
            // They carry no position, so the diagnostic points at the last event the parser produced.
            var at = parser.Current is { } current ? (int)current.Start.Index : 0;
            diagnostics.Add(source.Error(at, $"invalid YAML: {e.Message}"));
            return null;
        }
    }

    private static YamlNodeBase ReadNode(
        IParser parser, SourceText source, Dictionary<string, YamlNodeBase> anchors, List<Diagnostic> diagnostics, int depth)
    {
        if (depth > MaxDepth && parser.Current is { } deep)
        {
            throw new YamlException(deep.Start, deep.End, $"the YAML nests more than {MaxDepth} levels deep");
        }

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

                items.Add(ReadNode(parser, source, anchors, diagnostics, depth + 1));
            }

            node = new YamlSequence((int)sequenceStart.Start.Index, sequenceEndIndex, items);
        }
        else if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            started = mappingStart;
            node = ReadMapping(parser, source, anchors, diagnostics, mappingStart, depth);
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
        Dictionary<string, YamlNodeBase> anchors, List<Diagnostic> diagnostics, MappingStart mappingStart, int depth)
    {
        var entries = new List<KeyValuePair<YamlScalar, YamlNodeBase>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var end = (int)mappingStart.End.Index;
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyNode = ReadNode(parser, source, anchors, diagnostics, depth + 1);
            var value = ReadNode(parser, source, anchors, diagnostics, depth + 1);
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
