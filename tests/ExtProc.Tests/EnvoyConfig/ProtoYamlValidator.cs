using Google.Protobuf.Reflection;
using YamlDotNet.RepresentationModel;

namespace Hush.ExtProc.Tests.EnvoyConfig;

/// <summary>
/// Walks a YAML node against a protobuf message descriptor the way Envoy loads YAML: the YAML becomes JSON
/// (<c>MessageUtil::loadFromYaml</c>: plain scalars are null, bool, int or string, quoted ones strings) and protobuf's
/// strict JSON parser reads it (unknown fields rejected, proto or JSON field names, <c>Any</c> by <c>@type</c>,
/// well-known types in their JSON forms). Reports every error with its YAML path and line:col.
/// </summary>
/// <remarks>
/// Checks structure, names, types and enum values only: not PGV constraints (<c>validate.rules</c>), nor Envoy's
/// runtime checks in each extension's factory, nor behaviour.
/// </remarks>
internal sealed partial class ProtoYamlValidator
{
    private const string TypeUrlKey = "@type";

    private readonly Func<string, MessageDescriptor?> _resolve;
    private readonly List<ProtoYamlError> _errors = [];
    private readonly List<ProtoYamlError> _deprecated = [];

    private ProtoYamlValidator(Func<string, MessageDescriptor?> resolve) => _resolve = resolve;

    /// <summary>Validates <paramref name="node"/> as a <paramref name="type"/>.</summary>
    /// <param name="node">The YAML value (usually a mapping).</param>
    /// <param name="type">The message type Envoy would parse it into.</param>
    /// <param name="resolve">Finds a message by full name, for <c>Any</c>'s <c>@type</c>.</param>
    /// <param name="path">Path prefix for the findings (empty at a document root).</param>
    public static ProtoYamlReport Validate(YamlNode node, MessageDescriptor type, Func<string, MessageDescriptor?> resolve, string path = "")
    {
        var validator = new ProtoYamlValidator(resolve);
        validator.Message(node, type, path);
        return new ProtoYamlReport(validator._errors, validator._deprecated);
    }

    private void Message(YamlNode node, MessageDescriptor type, string path)
    {
        if (IsNull(node) || WellKnown(node, type, path))
        {
            return;
        }

        if (node is not YamlMappingNode map)
        {
            Error(node, path, $"expected a mapping ({type.FullName}), got {Describe(node)}");
            return;
        }

        Fields(map, type, path, inAny: false);
    }

    private void Fields(YamlMappingNode map, MessageDescriptor type, string path, bool inAny)
    {
        var seen = new Dictionary<int, string>();
        var oneofs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                Error(keyNode, path, "a field name must be a scalar");
                continue;
            }

            if (inAny && key == TypeUrlKey)
            {
                continue;
            }

            var fieldPath = Join(path, key);
            var field = FindField(type, key);
            if (field is null)
            {
                Error(keyNode, fieldPath, $"unknown field '{key}' in {type.FullName}");
                continue;
            }

            if (!seen.TryAdd(field.FieldNumber, key))
            {
                Error(keyNode, fieldPath, $"field '{field.Name}' is set twice (as '{seen[field.FieldNumber]}' and '{key}')");
                continue;
            }

            if (field.GetOptions()?.Deprecated == true)
            {
                _deprecated.Add(At(keyNode, fieldPath, $"'{field.Name}' of {type.FullName} is deprecated"));
            }

            // JSON null leaves a field unset (google.protobuf.Value excepted, where it is a value): never a oneof clash.
            if (IsNull(value) && !IsValue(field))
            {
                continue;
            }

            if (field.RealContainingOneof is { } oneof && !oneofs.TryAdd(oneof.Name, field.Name))
            {
                Error(keyNode, fieldPath, $"oneof '{oneof.Name}' of {type.FullName} is already set by '{oneofs[oneof.Name]}'");
            }

            Field(value, field, fieldPath);
        }
    }

    private void Field(YamlNode value, FieldDescriptor field, string path)
    {
        if (field.IsMap)
        {
            MapField(value, field, path);
            return;
        }

        if (!field.IsRepeated)
        {
            Single(value, field, path);
            return;
        }

        if (value is not YamlSequenceNode sequence)
        {
            Error(value, path, $"'{field.Name}' is repeated: expected a sequence, got {Describe(value)}");
            return;
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = sequence.Children[i];
            var itemPath = $"{path}[{i}]";
            if (IsNull(item) && !IsValue(field))
            {
                Error(item, itemPath, "null is not allowed in a repeated field");
                continue;
            }

            Single(item, field, itemPath);
        }
    }

    private void MapField(YamlNode value, FieldDescriptor field, string path)
    {
        if (value is not YamlMappingNode map)
        {
            Error(value, path, $"'{field.Name}' is a map: expected a mapping, got {Describe(value)}");
            return;
        }

        var keyField = field.MessageType.FindFieldByNumber(1);
        var valueField = field.MessageType.FindFieldByNumber(2);
        foreach (var (keyNode, item) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value;
            var itemPath = $"{path}[{key}]";
            if (key is null || !MapKeyFits(key, keyField.FieldType))
            {
                Error(keyNode, itemPath, $"map key '{key}' is not a valid {keyField.FieldType}");
                continue;
            }

            if (IsNull(item) && !IsValue(valueField))
            {
                Error(item, itemPath, "null is not allowed as a map value");
                continue;
            }

            Single(item, valueField, itemPath);
        }
    }

    private void Single(YamlNode value, FieldDescriptor field, string path)
    {
        switch (field.FieldType)
        {
            case FieldType.Message or FieldType.Group:
                Message(value, field.MessageType, path);
                break;
            case FieldType.Enum:
                EnumValue(value, field.EnumType, path);
                break;
            default:
                Scalar(value, field.FieldType, path);
                break;
        }
    }

    private void AnyValue(YamlNode node, string path)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, path, $"expected a mapping with '{TypeUrlKey}' (google.protobuf.Any), got {Describe(node)}");
            return;
        }

        if (map.Children.Count == 0)
        {
            return;
        }

        if (!map.Children.TryGetValue(new YamlScalarNode(TypeUrlKey), out var urlNode) || urlNode is not YamlScalarNode { Value: { Length: > 0 } url })
        {
            Error(map, path, $"google.protobuf.Any needs an '{TypeUrlKey}'");
            return;
        }

        var typePath = Join(path, TypeUrlKey);
        var slash = url.LastIndexOf('/');
        var type = slash > 0 && slash < url.Length - 1 ? _resolve(url[(slash + 1)..]) : null;
        if (type is null)
        {
            Error(urlNode, typePath, $"unknown type URL '{url}': no such message in Envoy's API protos " +
                $"(a real one needs its file in {nameof(EnvoyProtoSet)}.{nameof(EnvoyProtoSet.RootFiles)})");
            return;
        }

        if (!HasSpecialJson(type))
        {
            Fields(map, type, path, inAny: true);
            return;
        }

        // Well-known types keep their JSON form under "value" inside an Any.
        foreach (var (keyNode, item) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value;
            if (key == "value")
            {
                Message(item, type, Join(path, "value"));
            }
            else if (key != TypeUrlKey)
            {
                Error(keyNode, Join(path, key ?? "?"), $"an Any holding {type.FullName} takes only '{TypeUrlKey}' and 'value'");
            }
        }
    }

    private static FieldDescriptor? FindField(MessageDescriptor type, string key) =>
        type.FindFieldByName(key) ?? type.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == key);

    private static bool IsValue(FieldDescriptor field) =>
        field.FieldType == FieldType.Message && field.MessageType.FullName == "google.protobuf.Value";

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    private static ProtoYamlError At(YamlNode node, string path, string message) =>
        new(path, node.Start.Line, node.Start.Column, message);

    private void Error(YamlNode node, string path, string message) => _errors.Add(At(node, path, message));
}
