using Envoy.Config.Core.V3;
using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Envoy.Service.ExtProc.V3;
using Envoy.Type.V3;
using Google.Protobuf.Reflection;

namespace Hush.ExtProc.Tests.Protos;

/// <summary>
/// The generated protos must stay wire-compatible with Envoy's: every field Hush or the emulator relies on is
/// checked against the number, type and oneof in envoyproxy/data-plane-api (protocol notes §1).
/// </summary>
public sealed class ProtoDescriptorTests
{
    public static TheoryData<string, string, int, FieldType, string?, string?> Fields => new()
    {
        { "envoy.service.ext_proc.v3.ProcessingRequest", "request_headers", 2, FieldType.Message, "envoy.service.ext_proc.v3.HttpHeaders", "request" },
        { "envoy.service.ext_proc.v3.ProcessingRequest", "response_headers", 3, FieldType.Message, "envoy.service.ext_proc.v3.HttpHeaders", "request" },
        { "envoy.service.ext_proc.v3.ProcessingRequest", "request_body", 4, FieldType.Message, "envoy.service.ext_proc.v3.HttpBody", "request" },
        { "envoy.service.ext_proc.v3.ProcessingRequest", "response_body", 5, FieldType.Message, "envoy.service.ext_proc.v3.HttpBody", "request" },
        { "envoy.service.ext_proc.v3.ProcessingRequest", "request_trailers", 6, FieldType.Message, "envoy.service.ext_proc.v3.HttpTrailers", "request" },
        { "envoy.service.ext_proc.v3.ProcessingRequest", "response_trailers", 7, FieldType.Message, "envoy.service.ext_proc.v3.HttpTrailers", "request" },
        { "envoy.service.ext_proc.v3.ProcessingRequest", "metadata_context", 8, FieldType.Message, "envoy.config.core.v3.Metadata", null },
        { "envoy.service.ext_proc.v3.ProcessingRequest", "attributes", 9, FieldType.Message, "envoy.service.ext_proc.v3.ProcessingRequest.AttributesEntry", null },
        { "envoy.service.ext_proc.v3.ProcessingRequest", "observability_mode", 10, FieldType.Bool, null, null },
        { "envoy.service.ext_proc.v3.ProcessingRequest", "protocol_config", 11, FieldType.Message, "envoy.service.ext_proc.v3.ProtocolConfiguration", null },
        { "envoy.service.ext_proc.v3.ProtocolConfiguration", "request_body_mode", 1, FieldType.Enum, "envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode", null },
        { "envoy.service.ext_proc.v3.ProtocolConfiguration", "response_body_mode", 2, FieldType.Enum, "envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode", null },
        { "envoy.service.ext_proc.v3.ProtocolConfiguration", "send_body_without_waiting_for_header_response", 3, FieldType.Bool, null, null },
        { "envoy.service.ext_proc.v3.ProcessingResponse", "request_headers", 1, FieldType.Message, "envoy.service.ext_proc.v3.HeadersResponse", "response" },
        { "envoy.service.ext_proc.v3.ProcessingResponse", "response_headers", 2, FieldType.Message, "envoy.service.ext_proc.v3.HeadersResponse", "response" },
        { "envoy.service.ext_proc.v3.ProcessingResponse", "request_body", 3, FieldType.Message, "envoy.service.ext_proc.v3.BodyResponse", "response" },
        { "envoy.service.ext_proc.v3.ProcessingResponse", "response_body", 4, FieldType.Message, "envoy.service.ext_proc.v3.BodyResponse", "response" },
        { "envoy.service.ext_proc.v3.ProcessingResponse", "request_trailers", 5, FieldType.Message, "envoy.service.ext_proc.v3.TrailersResponse", "response" },
        { "envoy.service.ext_proc.v3.ProcessingResponse", "response_trailers", 6, FieldType.Message, "envoy.service.ext_proc.v3.TrailersResponse", "response" },
        { "envoy.service.ext_proc.v3.ProcessingResponse", "immediate_response", 7, FieldType.Message, "envoy.service.ext_proc.v3.ImmediateResponse", "response" },
        { "envoy.service.ext_proc.v3.ProcessingResponse", "streamed_immediate_response", 11, FieldType.Message, "envoy.service.ext_proc.v3.StreamedImmediateResponse", "response" },
        { "envoy.service.ext_proc.v3.ProcessingResponse", "dynamic_metadata", 8, FieldType.Message, "google.protobuf.Struct", null },
        { "envoy.service.ext_proc.v3.ProcessingResponse", "mode_override", 9, FieldType.Message, "envoy.extensions.filters.http.ext_proc.v3.ProcessingMode", null },
        { "envoy.service.ext_proc.v3.ProcessingResponse", "override_message_timeout", 10, FieldType.Message, "google.protobuf.Duration", null },
        { "envoy.service.ext_proc.v3.ProcessingResponse", "request_drain", 12, FieldType.Bool, null, null },
        { "envoy.service.ext_proc.v3.HttpHeaders", "headers", 1, FieldType.Message, "envoy.config.core.v3.HeaderMap", null },
        { "envoy.service.ext_proc.v3.HttpHeaders", "end_of_stream", 3, FieldType.Bool, null, null },
        { "envoy.service.ext_proc.v3.HttpBody", "body", 1, FieldType.Bytes, null, null },
        { "envoy.service.ext_proc.v3.HttpBody", "end_of_stream", 2, FieldType.Bool, null, null },
        { "envoy.service.ext_proc.v3.HttpBody", "end_of_stream_without_message", 3, FieldType.Bool, null, null },
        { "envoy.service.ext_proc.v3.HttpBody", "grpc_message_compressed", 4, FieldType.Bool, null, null },
        { "envoy.service.ext_proc.v3.HttpTrailers", "trailers", 1, FieldType.Message, "envoy.config.core.v3.HeaderMap", null },
        { "envoy.service.ext_proc.v3.HeadersResponse", "response", 1, FieldType.Message, "envoy.service.ext_proc.v3.CommonResponse", null },
        { "envoy.service.ext_proc.v3.BodyResponse", "response", 1, FieldType.Message, "envoy.service.ext_proc.v3.CommonResponse", null },
        { "envoy.service.ext_proc.v3.TrailersResponse", "header_mutation", 1, FieldType.Message, "envoy.service.ext_proc.v3.HeaderMutation", null },
        { "envoy.service.ext_proc.v3.CommonResponse", "status", 1, FieldType.Enum, "envoy.service.ext_proc.v3.CommonResponse.ResponseStatus", null },
        { "envoy.service.ext_proc.v3.CommonResponse", "header_mutation", 2, FieldType.Message, "envoy.service.ext_proc.v3.HeaderMutation", null },
        { "envoy.service.ext_proc.v3.CommonResponse", "body_mutation", 3, FieldType.Message, "envoy.service.ext_proc.v3.BodyMutation", null },
        { "envoy.service.ext_proc.v3.CommonResponse", "trailers", 4, FieldType.Message, "envoy.config.core.v3.HeaderMap", null },
        { "envoy.service.ext_proc.v3.CommonResponse", "clear_route_cache", 5, FieldType.Bool, null, null },
        { "envoy.service.ext_proc.v3.ImmediateResponse", "status", 1, FieldType.Message, "envoy.type.v3.HttpStatus", null },
        { "envoy.service.ext_proc.v3.ImmediateResponse", "headers", 2, FieldType.Message, "envoy.service.ext_proc.v3.HeaderMutation", null },
        { "envoy.service.ext_proc.v3.ImmediateResponse", "body", 3, FieldType.Bytes, null, null },
        { "envoy.service.ext_proc.v3.ImmediateResponse", "grpc_status", 4, FieldType.Message, "envoy.service.ext_proc.v3.GrpcStatus", null },
        { "envoy.service.ext_proc.v3.ImmediateResponse", "details", 5, FieldType.String, null, null },
        { "envoy.service.ext_proc.v3.GrpcStatus", "status", 1, FieldType.UInt32, null, null },
        { "envoy.service.ext_proc.v3.HeaderMutation", "set_headers", 1, FieldType.Message, "envoy.config.core.v3.HeaderValueOption", null },
        { "envoy.service.ext_proc.v3.HeaderMutation", "remove_headers", 2, FieldType.String, null, null },
        { "envoy.service.ext_proc.v3.BodyMutation", "body", 1, FieldType.Bytes, null, "mutation" },
        { "envoy.service.ext_proc.v3.BodyMutation", "clear_body_flag", 2, FieldType.Bool, null, "mutation" },
        { "envoy.service.ext_proc.v3.BodyMutation", "streamed_response", 3, FieldType.Message, "envoy.service.ext_proc.v3.StreamedBodyResponse", "mutation" },
        { "envoy.service.ext_proc.v3.StreamedBodyResponse", "body", 1, FieldType.Bytes, null, null },
        { "envoy.service.ext_proc.v3.StreamedBodyResponse", "end_of_stream", 2, FieldType.Bool, null, null },
        { "envoy.extensions.filters.http.ext_proc.v3.ProcessingMode", "request_header_mode", 1, FieldType.Enum, "envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.HeaderSendMode", null },
        { "envoy.extensions.filters.http.ext_proc.v3.ProcessingMode", "response_header_mode", 2, FieldType.Enum, "envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.HeaderSendMode", null },
        { "envoy.extensions.filters.http.ext_proc.v3.ProcessingMode", "request_body_mode", 3, FieldType.Enum, "envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode", null },
        { "envoy.extensions.filters.http.ext_proc.v3.ProcessingMode", "response_body_mode", 4, FieldType.Enum, "envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode", null },
        { "envoy.extensions.filters.http.ext_proc.v3.ProcessingMode", "request_trailer_mode", 5, FieldType.Enum, "envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.HeaderSendMode", null },
        { "envoy.extensions.filters.http.ext_proc.v3.ProcessingMode", "response_trailer_mode", 6, FieldType.Enum, "envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.HeaderSendMode", null },
        { "envoy.config.core.v3.HeaderMap", "headers", 1, FieldType.Message, "envoy.config.core.v3.HeaderValue", null },
        { "envoy.config.core.v3.HeaderValue", "key", 1, FieldType.String, null, null },
        { "envoy.config.core.v3.HeaderValue", "value", 2, FieldType.String, null, null },
        { "envoy.config.core.v3.HeaderValue", "raw_value", 3, FieldType.Bytes, null, null },
        { "envoy.config.core.v3.HeaderValueOption", "header", 1, FieldType.Message, "envoy.config.core.v3.HeaderValue", null },
        { "envoy.config.core.v3.HeaderValueOption", "append", 2, FieldType.Message, "google.protobuf.BoolValue", null },
        { "envoy.config.core.v3.HeaderValueOption", "append_action", 3, FieldType.Enum, "envoy.config.core.v3.HeaderValueOption.HeaderAppendAction", null },
        { "envoy.config.core.v3.Metadata", "filter_metadata", 1, FieldType.Message, "envoy.config.core.v3.Metadata.FilterMetadataEntry", null },
        { "envoy.config.core.v3.Metadata", "typed_filter_metadata", 2, FieldType.Message, "envoy.config.core.v3.Metadata.TypedFilterMetadataEntry", null },
        { "envoy.type.v3.HttpStatus", "code", 1, FieldType.Enum, "envoy.type.v3.StatusCode", null },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void Field_MatchesEnvoy(string message, string field, int number, FieldType type, string? typeName, string? oneof)
    {
        var descriptor = Find(message);
        var f = descriptor.FindFieldByName(field);
        Assert.NotNull(f);
        Assert.Equal(number, f.FieldNumber);
        Assert.Equal(type, f.FieldType);
        if (typeName is not null)
        {
            Assert.Equal(typeName, type == FieldType.Enum ? f.EnumType.FullName : f.MessageType.FullName);
        }

        Assert.Equal(oneof, f.RealContainingOneof?.Name);
    }

    [Fact]
    public void Service_PathIsEnvoys()
    {
        var service = ExternalProcessorReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ExternalProcessor");
        Assert.Equal("envoy.service.ext_proc.v3.ExternalProcessor", service.FullName);
        var method = Assert.Single(service.Methods);
        Assert.Equal("Process", method.Name);
        Assert.True(method.IsClientStreaming && method.IsServerStreaming);
    }

    [Fact]
    public void ProcessingRequest_FieldOneIsReservedNotReused()
    {
        Assert.Null(ProcessingRequest.Descriptor.FindFieldByNumber(1));
    }

    [Theory]
    [InlineData("Continue", 100)]
    [InlineData("Ok", 200)]
    [InlineData("Accepted", 202)]
    [InlineData("Forbidden", 403)]
    [InlineData("PayloadTooLarge", 413)]
    [InlineData("BadGateway", 502)]
    [InlineData("GatewayTimeout", 504)]
    public void StatusCode_NumbersAreHttpCodes(string name, int code) =>
        Assert.Equal(code, (int)Enum.Parse<StatusCode>(name));

    [Fact]
    public void BodySendMode_NumbersMatchEnvoy()
    {
        Assert.Equal(0, (int)ProcessingMode.Types.BodySendMode.None);
        Assert.Equal(1, (int)ProcessingMode.Types.BodySendMode.Streamed);
        Assert.Equal(2, (int)ProcessingMode.Types.BodySendMode.Buffered);
        Assert.Equal(3, (int)ProcessingMode.Types.BodySendMode.BufferedPartial);
        Assert.Equal(4, (int)ProcessingMode.Types.BodySendMode.FullDuplexStreamed);
        Assert.Equal(5, (int)ProcessingMode.Types.BodySendMode.Grpc);
        Assert.Equal(2, (int)ProcessingMode.Types.HeaderSendMode.Skip);
        Assert.Equal(1, (int)CommonResponse.Types.ResponseStatus.ContinueAndReplace);
    }

    private static MessageDescriptor Find(string fullName)
    {
        foreach (var file in new[] { ExternalProcessorReflection.Descriptor, ProcessingModeReflection.Descriptor, BaseReflection.Descriptor, HttpStatusReflection.Descriptor })
        {
            foreach (var message in file.MessageTypes)
            {
                if (message.FullName == fullName)
                {
                    return message;
                }
            }
        }

        throw new InvalidOperationException($"message {fullName} is not generated");
    }
}
