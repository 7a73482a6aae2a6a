using System.Globalization;

namespace Hush.PolicyCompiler.Policies;

/// <summary>Typed reading of YAML values, each reporting a precise diagnostic when the type is wrong.</summary>
internal sealed partial class PolicyLoader
{
    private void Error(YamlNodeBase node, string message)
    {
        // Messages about a value start with its key; inside a rule they are prefixed with the rule id.
        if (_context is not null && message.StartsWith('`'))
        {
            message = $"{_context}: {message}";
        }

        _diagnostics.Add(_source.Error(node.Start, message));
    }

    private SourcePosition PositionOf(YamlNodeBase node) => _source.PositionOf(node.Start);

    /// <summary>
    /// Reads a mapping, reporting unknown keys at the key; returns null (with a diagnostic) when
    /// <paramref name="node"/> is not a mapping.
    /// </summary>
    private Dictionary<string, YamlNodeBase>? Mapping(YamlNodeBase node, string what, string[] allowed)
    {
        if (node is not YamlMapping mapping)
        {
            Error(node, $"{what}: expected a mapping, found {node.KindName}");
            return null;
        }

        var result = new Dictionary<string, YamlNodeBase>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Entries)
        {
            if (Array.IndexOf(allowed, key.Value) < 0)
            {
                Error(key, $"{what}: unknown key `{key.Value}` (expected one of: {string.Join(", ", allowed)})");
                continue;
            }

            result[key.Value] = value;
        }

        return result;
    }

    /// <summary>The value of a required key, or null with a diagnostic at the mapping.</summary>
    private YamlNodeBase? Required(Dictionary<string, YamlNodeBase> map, YamlNodeBase mapping, string what, string key)
    {
        if (map.TryGetValue(key, out var value))
        {
            return value;
        }

        Error(mapping, $"{what}: missing required key `{key}`");
        return null;
    }

    /// <summary>A non-null scalar as text.</summary>
    private string? String(YamlNodeBase node, string key)
    {
        if (node is YamlScalar { IsNull: false } scalar)
        {
            return scalar.Value;
        }

        Error(node, $"`{key}`: expected a string, found {node.KindName}");
        return null;
    }

    /// <summary>A plain integer scalar within [min, max].</summary>
    private int? Int(YamlNodeBase node, string key, int min, int max)
    {
        if (node is not YamlScalar { IsPlain: true, IsNull: false } scalar
            || !int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Error(node, $"`{key}`: expected an integer, found {Describe(node)}");
            return null;
        }

        if (value < min || value > max)
        {
            Error(node, min == max
                ? $"`{key}`: must be {min}, found {value}"
                : $"`{key}`: must be between {min} and {max}, found {value}");
            return null;
        }

        return value;
    }

    /// <summary>A plain number scalar within [min, max].</summary>
    private double? Double(YamlNodeBase node, string key, double min, double max)
    {
        if (node is not YamlScalar { IsPlain: true, IsNull: false } scalar
            || !double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            Error(node, $"`{key}`: expected a number, found {Describe(node)}");
            return null;
        }

        if (value < min || value > max)
        {
            Error(node, $"`{key}`: must be between {min.ToString(CultureInfo.InvariantCulture)} and " +
                $"{max.ToString(CultureInfo.InvariantCulture)}, found {scalar.Value}");
            return null;
        }

        return value;
    }

    /// <summary>A sequence of non-empty strings.</summary>
    private List<string>? StringList(YamlNodeBase node, string key)
    {
        if (node is not YamlSequence sequence)
        {
            Error(node, $"`{key}`: expected a sequence of strings, found {node.KindName}");
            return null;
        }

        var result = new List<string>(sequence.Items.Count);
        foreach (var item in sequence.Items)
        {
            var value = String(item, key);
            if (value is null)
            {
                continue;
            }

            if (value.Length == 0)
            {
                Error(item, $"`{key}`: entries must not be empty");
                continue;
            }

            result.Add(value);
        }

        return result;
    }

    /// <summary>One of a fixed set of words.</summary>
    private T? Enum<T>(YamlNodeBase node, string key, IReadOnlyList<(string Word, T Value)> choices)
        where T : struct
    {
        if (String(node, key) is not { } word)
        {
            return null;
        }

        foreach (var (w, v) in choices)
        {
            if (w == word)
            {
                return v;
            }
        }

        var names = new string[choices.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = choices[i].Word;
        }

        Error(node, $"`{key}`: invalid value `{word}` (expected one of: {string.Join(", ", names)})");
        return null;
    }

    private static string Describe(YamlNodeBase node) => node switch
    {
        YamlScalar { IsNull: true } => "null",
        YamlScalar { IsPlain: false } s => $"the quoted string \"{s.Value}\"",
        YamlScalar s => $"`{s.Value}`",
        _ => node.KindName,
    };
}
