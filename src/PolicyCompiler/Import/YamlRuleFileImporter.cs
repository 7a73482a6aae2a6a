using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hush.PolicyCompiler.Import;

/// <summary>
/// Reads Nosey Parker and Kingfisher rule files: a YAML mapping with a <c>rules:</c> sequence of
/// <c>name, id, pattern, examples, negative_examples</c> (Kingfisher adds <c>min_entropy</c>, <c>confidence</c>,
/// <c>visible</c>, <c>validation</c>, <c>depends_on_rule</c>, …). Keys we have no use for are ignored.
/// </summary>
/// <remarks>
/// With one capture group that takes part in every match, that group is the secret (<c>secret: 1</c>), as both
/// tools report it. With a group that may not take part, or with several,
/// both tools report every group (Kingfisher falls back to the whole match when group 1 does not take part), so
/// the whole match is the secret: masking group 1 alone would leave the other groups in the clear. Their patterns are Rust regex syntax, which our dialect shares (RE2 plus <c>(?x)</c>); they are
/// copied unchanged and the compiler judges them.
/// </remarks>
/// <param name="format">Source format name used in messages, <c>noseyparker</c> or <c>kingfisher</c>.</param>
/// <param name="prefix">Id prefix, <c>np.</c> or <c>kingfisher.</c>.</param>
internal sealed class YamlRuleFileImporter(string format, string prefix)
{
    private readonly RuleIdAllocator _ids = new(prefix);

    /// <summary>Rules read so far, in file and rule order.</summary>
    public List<ImportedRule> Rules { get; } = [];

    /// <summary>Examples read so far.</summary>
    public List<ImportedExample> Examples { get; } = [];

    /// <summary>Reads one rule file.</summary>
    public void Read(string file, List<string> warnings)
    {
        YamlMappingNode root = Parse(file);
        if (!root.Children.TryGetValue(new YamlScalarNode("rules"), out YamlNode? rulesNode))
        {
            throw Error(file, root, $"not a {format} rule file: no top-level `rules:`");
        }

        if (rulesNode is not YamlSequenceNode rules)
        {
            throw Error(file, rulesNode, "`rules:` must be a sequence");
        }

        foreach (YamlNode node in rules)
        {
            if (node is not YamlMappingNode rule)
            {
                throw Error(file, node, "each rule must be a mapping");
            }

            ReadRule(file, rule, warnings);
        }
    }

    private void ReadRule(string file, YamlMappingNode node, List<string> warnings)
    {
        string? sourceId = Scalar(file, node, "id");
        string? pattern = Scalar(file, node, "pattern");
        string name = Scalar(file, node, "name") ?? "";
        if (string.IsNullOrWhiteSpace(sourceId) || string.IsNullOrEmpty(pattern))
        {
            var mark = node.Start;
            warnings.Add($"{file}:{mark.Line}:{mark.Column}: rule `{sourceId ?? name}` has no {(string.IsNullOrWhiteSpace(sourceId) ? "id" : "pattern")}; skipped");
            return;
        }

        string id = _ids.Allocate(sourceId, out string? idNote);
        if (idNote is not null)
        {
            warnings.Add($"{file}: {id}: {idNote}");
        }

        PatternShape shape = PatternShape.Analyze(pattern);
        if (shape.LargeRepeats.Count > 0)
        {
            var notes = new List<string>();
            pattern = RepeatSplitter.Split(pattern, shape, notes);
            warnings.AddRange(notes.Select(n => $"{file}: {id}: {n}"));
            shape = PatternShape.Analyze(pattern);
        }

        double? entropy = null;
        if (Scalar(file, node, "min_entropy") is { } text)
        {
            entropy = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double e) && e >= 0
                ? e
                : throw Error(file, node, $"{sourceId}: `min_entropy` must be a non-negative number, not `{text}`");
        }

        if (Scalar(file, node, "visible") is { } visible && visible.Trim().Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            warnings.Add($"{file}: {id}: `visible: false` ({format} only uses it to validate another rule's findings); imported as an ordinary rule");
        }

        bool groupOne = shape.CaptureGroups == 1 && shape.FirstGroupAlwaysTakesPart;
        if (shape.CaptureGroups > 0 && !groupOne)
        {
            warnings.Add($"{file}: {id}: " + (shape.CaptureGroups > 1
                ? $"{shape.CaptureGroups} capture groups; the whole match is the secret ({format} reports every group, and group 1 alone would leave the others unmasked)"
                : "capture group 1 does not take part in every match; the whole match is the secret"));
        }

        Rules.Add(new ImportedRule
        {
            Id = id,
            Description = name,
            Pattern = pattern,
            SecretGroup = groupOne ? 1 : null,
            MinEntropy = entropy,
            MaxLength = ImportLimits.MaxLengthFor(shape),
        });
        AddExamples(file, node, "examples", id, positive: true);
        AddExamples(file, node, "negative_examples", id, positive: false);

        // One Nosey Parker rule spells its negative examples `non_examples`; the intent is the same.
        AddExamples(file, node, "non_examples", id, positive: false);
    }

    private void AddExamples(string file, YamlMappingNode node, string key, string id, bool positive)
    {
        if (!node.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value))
        {
            return;
        }

        if (value is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" })
        {
            // `negative_examples:` with nothing after it: YAML null, i.e. no examples.
            return;
        }

        if (value is not YamlSequenceNode list)
        {
            throw Error(file, value, $"{id}: `{key}` must be a sequence of strings");
        }

        foreach (YamlNode item in list)
        {
            string text = item is YamlScalarNode { Value: { } s } ? s : throw Error(file, item, $"{id}: `{key}` entries must be strings");
            Examples.Add(new ImportedExample(id, text, positive, file));
        }
    }

    private static string? Scalar(string file, YamlMappingNode node, string key)
    {
        if (!node.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value))
        {
            return null;
        }

        return value switch
        {
            YamlScalarNode scalar => scalar.Value,
            _ => throw Error(file, value, $"`{key}` must be a scalar"),
        };
    }

    private static YamlMappingNode Parse(string file)
    {
        string text = ImportFiles.ReadText(file);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new RuleImportException(file, (int)e.Start.Line, (int)e.Start.Column, "not valid YAML: " + e.Message);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new RuleImportException(file, 1, 1, "expected a YAML mapping with `rules:`");
        }

        return root;
    }

    private static RuleImportException Error(string file, YamlNode node, string detail) =>
        new(file, (int)node.Start.Line, (int)node.Start.Column, detail);
}
