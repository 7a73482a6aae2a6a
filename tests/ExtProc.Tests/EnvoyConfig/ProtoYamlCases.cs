namespace Hush.ExtProc.Tests.EnvoyConfig;

/// <summary>Small YAML snippets against real Envoy types: what Envoy's YAML loader accepts and what it rejects.</summary>
public static class ProtoYamlCases
{
    private const string ExtProc = "envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor";
    private const string Socket = "envoy.config.core.v3.SocketAddress";
    private const string Metadata = "envoy.config.core.v3.Metadata";
    private const string HttpFilter = "envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter";
    private const string Router = "\"@type\": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router";

    /// <summary>Type and YAML that must produce no error.</summary>
    public static TheoryData<string, string> Valid => new()
    {
        { Socket, "address: 127.0.0.1\nport_value: 50051" },
        { Socket, "address: x\nportValue: 80" },                                        // JSON name
        { Socket, "address: x\nport_value: 0x50" },                                     // yaml-cpp reads hex
        { ExtProc, "failure_mode_allow: off" },                                         // yaml-cpp bool
        { ExtProc, "processing_mode: { response_body_mode: 1 }" },                      // enum by number
        { ExtProc, "processing_mode: { response_body_mode: FULL_DUPLEX_STREAMED }" },
        { ExtProc, "message_timeout: 1.5s\nmax_message_timeout: \"3600s\"" },
        { ExtProc, "message_timeout: ~\nstat_prefix:" },                                // null leaves a field unset
        { ExtProc, "filter_metadata: { any: [1, { x: y }, null], b: true }" },          // Struct is free-form
        { ExtProc, "stat_prefix: 12345678901" },                                        // beyond int32 Envoy passes a string
        { "envoy.config.cluster.v3.Cluster", "name: c\nper_connection_buffer_limit_bytes: 1024" },   // UInt32Value
        { "envoy.type.v3.Int64Range", "start: -9223372036854775808\nend: \"9223372036854775807\"" },
        { "envoy.config.core.v3.DataSource", "inline_bytes: aGVsbG8=" },
        { Metadata, "filter_metadata: { hush: { k: v } }" },
        { Metadata, "typed_filter_metadata: { x: { \"@type\": type.googleapis.com/google.protobuf.Duration, value: 2s } }" },
        { HttpFilter, $"name: r\ntyped_config: {{ {Router}, suppress_envoy_headers: true }}" },
        { HttpFilter, "name: r\ntyped_config: {}" },                                   // an empty Any
    };

    /// <summary>Type, YAML, the single error's path and a fragment of its message.</summary>
    public static TheoryData<string, string, string, string> Invalid => new()
    {
        { Socket, "address: x\nport_value: -1", "port_value", "expected a uint32, got the number -1" },
        { Socket, "address: x\nport_value: 80\nportValue: 81", "portValue", "field 'port_value' is set twice" },
        { Socket, "address: x\nport_value: [80]", "port_value", "expected a uint32 scalar, got a sequence" },
        { Socket, "address: x\nprotocol: SCTP", "protocol", "'SCTP' is not a value of envoy.config.core.v3.SocketAddress.Protocol" },
        { ExtProc, "failure_mode_allow: \"false\"", "failure_mode_allow", "expected a bool, got the string 'false'" },
        { ExtProc, "stat_prefix: true", "stat_prefix", "(quote it: Envoy reads it as a JSON bool)" },
        { "envoy.config.core.v3.HeaderValue", "key: x\nvalue: y", "value", "got the bool 'y' (quote it" },  // yaml-cpp: y/n/on/off are bools
        { ExtProc, "processing_mode: { response_body_mode: 9 }", "processing_mode.response_body_mode", "'9' is not a value of" },
        { ExtProc, "processing_mode: SEND", "processing_mode", "expected a mapping (envoy.extensions.filters.http.ext_proc.v3.ProcessingMode)" },
        { ExtProc, "message_timeout: 1.5", "message_timeout", "'1.5' is not a duration" },
        { ExtProc, "message_timeout: 2ms", "message_timeout", "'2ms' is not a duration" },
        { ExtProc, "filter_metadata: [1]", "filter_metadata", "expected a mapping (google.protobuf.Struct)" },
        { ExtProc, "request_attributes: [a, null]", "request_attributes[1]", "null is not allowed in a repeated field" },
        { ExtProc, "grpc_service: { envoy_grpc: { cluster_name: a }, google_grpc: { target_uri: b, stat_prefix: c } }", "grpc_service.google_grpc", "oneof 'target_specifier'" },
        { "envoy.config.cluster.v3.Cluster", "name: c\nper_connection_buffer_limit_bytes: lots", "per_connection_buffer_limit_bytes", "expected a uint32" },
        { "envoy.type.v3.Int64Range", "start: 0\nend: 9223372036854775808", "end", "expected a int64" },
        { "envoy.config.core.v3.DataSource", "inline_bytes: \"not base64!\"", "inline_bytes", "expected a bytes" },
        { Metadata, "typed_filter_metadata: { x: { value: 1 } }", "typed_filter_metadata[x]", "google.protobuf.Any needs an '@type'" },
        { Metadata, "filter_metadata: { hush: 1 }", "filter_metadata[hush]", "expected a mapping (google.protobuf.Struct)" },
        { Metadata, "typed_filter_metadata: { x: { \"@type\": type.googleapis.com/google.protobuf.Duration, seconds: 2 } }", "typed_filter_metadata[x].seconds", "takes only '@type' and 'value'" },
        { HttpFilter, $"name: r\ntyped_config: {{ {Router}, suppress_envoy_header: true }}", "typed_config.suppress_envoy_header", "unknown field 'suppress_envoy_header' in envoy.extensions.filters.http.router.v3.Router" },
        { HttpFilter, "name: r\ntyped_config: { \"@type\": envoy.extensions.filters.http.router.v3.Router }", "typed_config.@type", "unknown type URL" },
    };
}
