using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Envoy.Service.ExtProc.V3;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Hush.ExtProc.Tests.EnvoyConfig;

/// <summary>Our trimmed copies in <c>protos/</c> (the Hush.Protos types) against Envoy's real descriptors.</summary>
public sealed class ProtosWireCompatibilityTests(EnvoyProtoFixture fixture) : IClassFixture<EnvoyProtoFixture>
{
    /// <summary>Our proto files: external_processor.proto and every envoy.* file it imports.</summary>
    private static List<FileDescriptor> OurFiles()
    {
        var files = new List<FileDescriptor>();
        var pending = new Stack<FileDescriptor>([ProcessingRequest.Descriptor.File]);
        while (pending.TryPop(out var file))
        {
            if (file.Package.StartsWith("envoy.", StringComparison.Ordinal) && !files.Contains(file))
            {
                files.Add(file);
                foreach (var dependency in file.Dependencies)
                {
                    pending.Push(dependency);
                }
            }
        }

        return files;
    }

    [Fact]
    public void OurProtos_CoverTheFourTrimmedFiles()
    {
        var names = OurFiles().Select(f => f.Name).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(
        [
            "envoy/config/core/v3/base.proto",
            "envoy/extensions/filters/http/ext_proc/v3/processing_mode.proto",
            "envoy/service/ext_proc/v3/external_processor.proto",
            "envoy/type/v3/http_status.proto",
        ], names);
    }

    [Fact]
    public void OurProtos_MatchEnvoysDescriptorsOnTheWire()
    {
        var (mismatches, checkedCount) = ProtoWireComparer.Compare(OurFiles(), fixture.Protos);

        Assert.True(mismatches.Count == 0, "protos/ differs from Envoy's API:\n" + string.Join('\n', mismatches));
        // Every message, field, enum value and RPC of the four files: a vacuous pass would check far fewer.
        Assert.True(checkedCount > 150, $"only {checkedCount} declarations compared");
    }

    [Fact]
    public void OurProtos_FileNamesAndPackagesAreEnvoys()
    {
        foreach (var file in OurFiles())
        {
            var real = Assert.Single(fixture.Protos.Files, f => f.Name == file.Name);
            Assert.Equal(real.Package, file.Package);
        }
    }

    [Fact]
    public void Comparer_ReportsChangedNumberTypeAndEnumValue()
    {
        var proto = FileDescriptorProto.Parser.ParseFrom(ProcessingMode.Descriptor.File.SerializedData);
        var mode = Assert.Single(proto.MessageType, m => m.Name == "ProcessingMode");
        mode.Field.Single(f => f.Name == "response_body_mode").Number = 14;
        var header = mode.Field.Single(f => f.Name == "request_header_mode");
        header.Type = FieldDescriptorProto.Types.Type.String;
        header.ClearTypeName();
        mode.EnumType.Single(e => e.Name == "BodySendMode").Value.Single(v => v.Name == "FULL_DUPLEX_STREAMED").Number = 9;
        var altered = FileDescriptor.BuildFromByteStrings([proto.ToByteString()]);

        var (mismatches, _) = ProtoWireComparer.Compare(altered, fixture.Protos);

        Assert.Equal(3, mismatches.Count);
        Assert.Contains(mismatches, m => m.StartsWith("envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.response_body_mode = 14: Envoy has no field 14", StringComparison.Ordinal));
        Assert.Contains(mismatches, m => m.Contains("request_header_mode = 1: type String, Envoy's is Enum", StringComparison.Ordinal));
        Assert.Contains(mismatches, m => m.Contains("BodySendMode.FULL_DUPLEX_STREAMED = 9: Envoy's is 4", StringComparison.Ordinal));
    }
}
