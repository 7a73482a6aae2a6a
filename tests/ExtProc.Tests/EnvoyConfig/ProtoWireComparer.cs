using Google.Protobuf.Reflection;

namespace Hush.ExtProc.Tests.EnvoyConfig;

/// <summary>
/// Compares our trimmed proto copies (<c>protos/</c>) with Envoy's descriptors: every message, field, enum value and RPC
/// we declare must exist in Envoy's with the same full name, number, wire type, label, referenced type and oneof.
/// Ours may omit things; it may never differ. Fields are matched by number (the wire identity) and must carry the
/// same JSON name, so a deliberate rename for C# (same number, same <c>json_name</c>) is allowed.
/// </summary>
internal static class ProtoWireComparer
{
    /// <summary>Every difference found, and how many declarations were compared.</summary>
    public static (List<string> Mismatches, int Checked) Compare(IEnumerable<FileDescriptor> ours, EnvoyProtoSet envoy)
    {
        var mismatches = new List<string>();
        var checkedCount = 0;
        foreach (var file in ours)
        {
            foreach (var message in file.MessageTypes)
            {
                CompareMessage(message, envoy, mismatches, ref checkedCount);
            }

            foreach (var type in file.EnumTypes)
            {
                CompareEnum(type, envoy.FindEnum(type.FullName), mismatches, ref checkedCount);
            }

            foreach (var service in file.Services)
            {
                CompareService(service, envoy.FindService(service.FullName), mismatches, ref checkedCount);
            }
        }

        return (mismatches, checkedCount);
    }

    private static void CompareMessage(MessageDescriptor ours, EnvoyProtoSet envoy, List<string> mismatches, ref int checkedCount)
    {
        checkedCount++;
        var real = envoy.FindMessage(ours.FullName);
        if (real is null)
        {
            mismatches.Add($"message {ours.FullName}: Envoy has no such message");
            return;
        }

        foreach (var field in ours.Fields.InDeclarationOrder())
        {
            checkedCount++;
            var where = $"{ours.FullName}.{field.Name} = {field.FieldNumber}";
            var other = real.FindFieldByNumber(field.FieldNumber);
            if (other is null)
            {
                mismatches.Add($"{where}: Envoy has no field {field.FieldNumber}");
                continue;
            }

            if (other.JsonName != field.JsonName)
            {
                mismatches.Add($"{where}: Envoy's field {field.FieldNumber} is '{other.Name}' (json '{other.JsonName}'), ours has json '{field.JsonName}'");
            }

            if (other.FieldType != field.FieldType)
            {
                mismatches.Add($"{where}: type {field.FieldType}, Envoy's is {other.FieldType}");
            }
            else if (ReferencedType(other) != ReferencedType(field))
            {
                mismatches.Add($"{where}: references {ReferencedType(field)}, Envoy's references {ReferencedType(other)}");
            }

            if (other.IsRepeated != field.IsRepeated || other.IsMap != field.IsMap)
            {
                mismatches.Add($"{where}: repeated={field.IsRepeated} map={field.IsMap}, Envoy's repeated={other.IsRepeated} map={other.IsMap}");
            }

            var ourOneof = field.RealContainingOneof?.Name ?? "(none)";
            var realOneof = other.RealContainingOneof?.Name ?? "(none)";
            if (ourOneof != realOneof)
            {
                mismatches.Add($"{where}: oneof {ourOneof}, Envoy's is in oneof {realOneof}");
            }
        }

        foreach (var nested in ours.NestedTypes)
        {
            CompareMessage(nested, envoy, mismatches, ref checkedCount);
        }

        foreach (var type in ours.EnumTypes)
        {
            CompareEnum(type, envoy.FindEnum(type.FullName), mismatches, ref checkedCount);
        }
    }

    private static void CompareEnum(EnumDescriptor ours, EnumDescriptor? real, List<string> mismatches, ref int checkedCount)
    {
        checkedCount++;
        if (real is null)
        {
            mismatches.Add($"enum {ours.FullName}: Envoy has no such enum");
            return;
        }

        foreach (var value in ours.Values)
        {
            checkedCount++;
            var other = real.FindValueByName(value.Name);
            if (other is null)
            {
                mismatches.Add($"{ours.FullName}.{value.Name} = {value.Number}: Envoy has no such value");
            }
            else if (other.Number != value.Number)
            {
                mismatches.Add($"{ours.FullName}.{value.Name} = {value.Number}: Envoy's is {other.Number}");
            }
        }
    }

    private static void CompareService(ServiceDescriptor ours, ServiceDescriptor? real, List<string> mismatches, ref int checkedCount)
    {
        checkedCount++;
        if (real is null)
        {
            mismatches.Add($"service {ours.FullName}: Envoy has no such service");
            return;
        }

        foreach (var method in ours.Methods)
        {
            checkedCount++;
            var other = real.FindMethodByName(method.Name);
            var shape = Shape(method);
            if (other is null)
            {
                mismatches.Add($"rpc {ours.FullName}/{method.Name}: Envoy has no such method");
            }
            else if (Shape(other) != shape)
            {
                mismatches.Add($"rpc {ours.FullName}/{method.Name}: {shape}, Envoy's is {Shape(other)}");
            }
        }
    }

    private static string Shape(MethodDescriptor method) =>
        $"({(method.IsClientStreaming ? "stream " : "")}{method.InputType.FullName}) returns " +
        $"({(method.IsServerStreaming ? "stream " : "")}{method.OutputType.FullName})";

    private static string ReferencedType(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Message or FieldType.Group => field.MessageType.FullName,
        FieldType.Enum => field.EnumType.FullName,
        _ => "(scalar)",
    };
}
