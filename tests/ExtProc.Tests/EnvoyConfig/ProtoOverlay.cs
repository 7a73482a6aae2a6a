namespace Hush.ExtProc.Tests.EnvoyConfig;

/// <summary>
/// The few additions the npm snapshot of Envoy's API needs before it describes what Hush uses.
/// </summary>
/// <remarks>
/// <c>@grpc/grpc-js-xds@1.14.1</c> ships data-plane-api as of mid-2024 (ext_proc <c>ExternalProcessor</c> ends at
/// field 19, no <c>FULL_DUPLEX_STREAMED</c>), while <c>envoy/</c> and <c>protos/</c> target Envoy v1.37. Each addition
/// below is a field, enum value or message that Envoy added later, copied from the v1.37 protos as quoted in
/// <c>../shared/extproc-protocol.md</c> §1.2, §1.4 and §1.6 (read from data-plane-api HEAD). protoc rejects any addition
/// that collides with the snapshot (same name or number), so an addition can only fill a gap, never mask a difference.
/// Everything not listed here is checked against the snapshot as shipped.
/// </remarks>
internal static class ProtoOverlay
{
    private const string ExtProcService = "envoy/service/ext_proc/v3/external_processor.proto";
    private const string ExtProcFilter = "envoy/extensions/filters/http/ext_proc/v3/ext_proc.proto";
    private const string ProcessingMode = "envoy/extensions/filters/http/ext_proc/v3/processing_mode.proto";
    private const string Notes = "../shared/extproc-protocol.md";

    /// <summary>Every addition, in the order they are applied.</summary>
    public static readonly IReadOnlyList<ProtoPatch> Patches =
    [
        // Not Envoy's API: the snapshot's protoc-gen-validate predates StringRules.ignore_empty, which the snapshot's own
        // envoy/config/core/v3/protocol.proto already sets, so protoc refuses to parse that option. Options never reach
        // the wire or YAML; the field number is PGV's.
        new("protoc-gen-validate", "validate/validate.proto", ["message StringRules", "optional bool strict = 25"],
            "  optional bool ignore_empty = 26;", "PGV StringRules.ignore_empty"),
        new("envoy-api", ProcessingMode, ["message ProcessingMode", "enum BodySendMode", "BUFFERED_PARTIAL = 3;"],
            "    FULL_DUPLEX_STREAMED = 4;\n    GRPC = 5;", Notes + " §1.4"),
        new("envoy-api", ExtProcFilter, ["message ExternalProcessor {"],
            "  bool send_body_without_waiting_for_header_response = 21;\n  repeated ProcessingMode allowed_override_modes = 22;",
            Notes + " §1.6"),
        new("envoy-api", ExtProcService, ["message ProcessingRequest {"],
            "  ProtocolConfiguration protocol_config = 11;", Notes + " §1.2"),
        new("envoy-api", ExtProcService, ["message ProcessingResponse {", "oneof response {"],
            "    StreamedImmediateResponse streamed_immediate_response = 11;", Notes + " §1.2"),
        new("envoy-api", ExtProcService, ["message ProcessingResponse {"],
            "  bool request_drain = 12;", Notes + " §1.2"),
        new("envoy-api", ExtProcService, ["message HttpBody {"],
            "  bool end_of_stream_without_message = 3;\n  bool grpc_message_compressed = 4;", Notes + " §1.2"),
        new("envoy-api", ExtProcService, ["message BodyMutation {", "oneof mutation {"],
            "    StreamedBodyResponse streamed_response = 3;", Notes + " §1.2"),
        new("envoy-api", ExtProcService, [],
            """
            message ProtocolConfiguration {
              envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode request_body_mode = 1;
              envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode response_body_mode = 2;
              bool send_body_without_waiting_for_header_response = 3;
            }
            message StreamedBodyResponse {
              bytes body = 1;
              bool end_of_stream = 2;
              bool end_of_stream_without_message = 3;
              bool grpc_message_compressed = 4;
            }
            message StreamedImmediateResponse {
              oneof response {
                HttpHeaders headers_response = 1;
                StreamedBodyResponse body_response = 2;
                config.core.v3.HeaderMap trailers_response = 3;
              }
            }
            """, Notes + " §1.2"),
    ];

    /// <summary>
    /// Writes a patched copy of every file <see cref="Patches"/> touches under <paramref name="overlayDir"/> (by import
    /// path), reading the originals from the npm package's <paramref name="depsDir"/>. Put the overlay first on protoc's
    /// include path so the copies shadow the originals.
    /// </summary>
    public static void Write(string overlayDir, string depsDir)
    {
        foreach (var file in Patches.GroupBy(p => (p.Root, p.File)))
        {
            var source = File.ReadAllText(Path.Combine(depsDir, file.Key.Root, file.Key.File));
            foreach (var patch in file)
            {
                source = patch.ApplyTo(source);
            }

            var target = Path.Combine(overlayDir, file.Key.File);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, source);
        }
    }
}
