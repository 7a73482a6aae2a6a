using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using Google.Protobuf.Reflection;
using YamlDotNet.RepresentationModel;

namespace Hush.ExtProc.Tests.EnvoyConfig;

/// <summary>Scalars, enums and the well-known types' JSON forms (protobuf's proto3 JSON mapping).</summary>
internal sealed partial class ProtoYamlValidator
{
    private const long MaxDurationSeconds = 315_576_000_000;

    private static bool IsNull(YamlNode node) => JsonScalar.IsNull(node);

    private static bool HasSpecialJson(MessageDescriptor type) =>
        type.FullName is "google.protobuf.Any" or "google.protobuf.Duration" or "google.protobuf.Timestamp"
            or "google.protobuf.FieldMask" or "google.protobuf.Struct" or "google.protobuf.Value" or "google.protobuf.ListValue"
        || IsWrapper(type);

    private static bool IsWrapper(MessageDescriptor type) =>
        type.File.Package == "google.protobuf" && type.Name.EndsWith("Value", StringComparison.Ordinal) && type.Name != "Value";

    /// <summary>Checks a well-known type's JSON form; false when <paramref name="type"/> is an ordinary message.</summary>
    private bool WellKnown(YamlNode node, MessageDescriptor type, string path)
    {
        switch (type.FullName)
        {
            case "google.protobuf.Any":
                AnyValue(node, path);
                return true;
            case "google.protobuf.Duration":
                if (StringScalar(node, path, "a duration string such as '1.5s'") is { } duration && !IsDuration(duration))
                {
                    Error(node, path, $"'{duration}' is not a duration: seconds with an 's' unit, such as '2s' or '0.25s'");
                }

                return true;
            case "google.protobuf.Timestamp":
                if (StringScalar(node, path, "an RFC 3339 timestamp") is { } stamp && !IsTimestamp(stamp))
                {
                    Error(node, path, $"'{stamp}' is not an RFC 3339 timestamp");
                }

                return true;
            case "google.protobuf.FieldMask":
                StringScalar(node, path, "a field mask string");
                return true;
            case "google.protobuf.Struct":
                if (node is not YamlMappingNode)
                {
                    Error(node, path, $"expected a mapping (google.protobuf.Struct), got {Describe(node)}");
                }

                return true;
            case "google.protobuf.Value":
                return true;
            case "google.protobuf.ListValue":
                if (node is not YamlSequenceNode)
                {
                    Error(node, path, $"expected a sequence (google.protobuf.ListValue), got {Describe(node)}");
                }

                return true;
        }

        if (!IsWrapper(type))
        {
            return false;
        }

        // Wrappers (UInt32Value, BoolValue...) are written as their bare value.
        Scalar(node, type.FindFieldByNumber(1).FieldType, path);
        return true;
    }

    private void Scalar(YamlNode node, FieldType type, string path)
    {
        if (node is not YamlScalarNode scalarNode)
        {
            Error(node, path, $"expected a {Name(type)} scalar, got {Describe(node)}");
            return;
        }

        var scalar = JsonScalar.From(scalarNode);
        var fits = type switch
        {
            FieldType.String => scalar.Kind == JsonScalarKind.String,
            FieldType.Bool => scalar.Kind == JsonScalarKind.Bool,
            FieldType.Bytes => scalar.Kind == JsonScalarKind.String && IsBase64(scalar.Text),
            FieldType.Double or FieldType.Float => scalar.Kind is JsonScalarKind.Integer ||
                (scalar.Kind is JsonScalarKind.String && IsJsonFloat(scalar.Text)),
            _ => scalar.Kind is JsonScalarKind.Integer or JsonScalarKind.String && IntegerFits(scalar.Text, type),
        };
        if (!fits)
        {
            var hint = type == FieldType.String && scalar.Kind != JsonScalarKind.String ? " (quote it: Envoy reads it as a JSON " +
                (scalar.Kind == JsonScalarKind.Bool ? "bool)" : "number)") : string.Empty;
            Error(node, path, $"expected a {Name(type)}, got {Describe(node)}{hint}");
        }
    }

    private void EnumValue(YamlNode node, EnumDescriptor type, string path)
    {
        if (node is not YamlScalarNode scalarNode)
        {
            Error(node, path, $"expected a {type.FullName} value, got {Describe(node)}");
            return;
        }

        var scalar = JsonScalar.From(scalarNode);
        var known = scalar.Kind switch
        {
            JsonScalarKind.String => type.FindValueByName(scalar.Text) is not null,
            JsonScalarKind.Integer => type.FindValueByNumber(int.Parse(scalar.Text, CultureInfo.InvariantCulture)) is not null,
            _ => false,
        };
        if (!known)
        {
            var names = string.Join(", ", type.Values.Select(v => v.Name));
            Error(node, path, $"'{scalar.Text}' is not a value of {type.FullName} ({names})");
        }
    }

    private string? StringScalar(YamlNode node, string path, string expected)
    {
        if (node is YamlScalarNode scalarNode && JsonScalar.From(scalarNode) is { Kind: JsonScalarKind.String } scalar)
        {
            return scalar.Text;
        }

        Error(node, path, $"expected {expected}, got {Describe(node)}");
        return null;
    }

    private static bool MapKeyFits(string key, FieldType type) => type switch
    {
        FieldType.String => true,
        FieldType.Bool => key is "true" or "false",
        _ => IntegerFits(key, type),
    };

    private static bool IntegerFits(string text, FieldType type)
    {
        if (!JsonScalar.TryInteger(text, out var value))
        {
            return false;
        }

        return type switch
        {
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => value >= int.MinValue && value <= int.MaxValue,
            FieldType.UInt32 or FieldType.Fixed32 => value >= 0 && value <= uint.MaxValue,
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => value >= long.MinValue && value <= long.MaxValue,
            FieldType.UInt64 or FieldType.Fixed64 => value >= 0 && value <= ulong.MaxValue,
            _ => false,
        };
    }

    private static bool IsJsonFloat(string text) =>
        text is "NaN" or "Infinity" or "-Infinity" ||
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static bool IsBase64(string text) =>
        text.Length % 4 != 1 && Base64Pattern().IsMatch(text);

    private static bool IsDuration(string text)
    {
        var match = DurationPattern().Match(text);
        return match.Success && BigInteger.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) <= MaxDurationSeconds;
    }

    private static bool IsTimestamp(string text) =>
        TimestampPattern().IsMatch(text) &&
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static string Name(FieldType type) => type.ToString().ToLowerInvariant();

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a sequence",
        YamlScalarNode scalar => JsonScalar.From(scalar) switch
        {
            { Kind: JsonScalarKind.Null } => "null",
            { Kind: JsonScalarKind.Bool } s => $"the bool '{s.Text}'",
            { Kind: JsonScalarKind.Integer } s => $"the number {s.Text}",
            var s => $"the string '{s.Text}'",
        },
        _ => node.NodeType.ToString(),
    };

    [GeneratedRegex(@"^-?(\d+)(\.\d{1,9})?s$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampPattern();

    [GeneratedRegex(@"^[A-Za-z0-9+/_-]*={0,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Base64Pattern();
}
