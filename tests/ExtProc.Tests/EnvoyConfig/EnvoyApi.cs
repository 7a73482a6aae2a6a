namespace Hush.ExtProc.Tests.EnvoyConfig;

/// <summary>Envoy v3 API names the configs may use (protocol notes §1.4, §1.6, §3.1; Envoy v1.37 protos).</summary>
internal static class EnvoyApi
{
    /// <summary><c>envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor</c> field names (protocol notes §1.6).</summary>
    public static readonly HashSet<string> ExternalProcessorFields =
    [
        "grpc_service", "failure_mode_allow", "processing_mode", "request_attributes", "response_attributes",
        "message_timeout", "stat_prefix", "mutation_rules", "max_message_timeout", "disable_clear_route_cache",
        "forward_rules", "filter_metadata", "allow_mode_override", "disable_immediate_response", "metadata_options",
        "observability_mode", "route_cache_action", "deferred_close_timeout", "http_service",
        "send_body_without_waiting_for_header_response", "allowed_override_modes", "on_processing_response",
        "status_on_error", "processing_request_modifier",
    ];

    /// <summary><c>ProcessingMode</c> field names (protocol notes §1.4).</summary>
    public static readonly HashSet<string> ProcessingModeFields =
    [
        "request_header_mode", "response_header_mode", "request_body_mode", "response_body_mode",
        "request_trailer_mode", "response_trailer_mode",
    ];

    /// <summary><c>HeaderSendMode</c> values.</summary>
    public static readonly HashSet<string> HeaderSendModes = ["DEFAULT", "SEND", "SKIP"];

    /// <summary><c>BodySendMode</c> values.</summary>
    public static readonly HashSet<string> BodySendModes = ["NONE", "STREAMED", "BUFFERED", "BUFFERED_PARTIAL", "FULL_DUPLEX_STREAMED"];

    /// <summary><c>MetadataOptions</c> field names.</summary>
    public static readonly HashSet<string> MetadataOptionsFields = ["forwarding_namespaces", "receiving_namespaces", "cluster_metadata_forwarding_namespaces"];

    /// <summary><c>MetadataOptions.MetadataNamespaces</c> field names.</summary>
    public static readonly HashSet<string> MetadataNamespacesFields = ["untyped", "typed"];

    /// <summary><c>JwtProvider</c> field names (protocol notes §3.1).</summary>
    public static readonly HashSet<string> JwtProviderFields =
    [
        "issuer", "audiences", "remote_jwks", "local_jwks", "forward", "from_headers", "from_params",
        "forward_payload_header", "payload_in_metadata", "clock_skew_seconds", "pad_forward_payload_header",
        "jwt_cache_config", "from_cookies", "header_in_metadata", "claim_to_headers", "failed_status_in_metadata",
        "clear_route_cache", "normalize_payload_in_metadata", "subjects", "require_expiration", "max_lifetime",
    ];

    /// <summary>Every <c>@type</c> the deployment files may use.</summary>
    public static readonly HashSet<string> KnownTypeUrls =
    [
        "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
        "type.googleapis.com/envoy.extensions.filters.http.jwt_authn.v3.JwtAuthentication",
        "type.googleapis.com/envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor",
        "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router",
        "type.googleapis.com/envoy.extensions.access_loggers.stream.v3.StdoutAccessLog",
        "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
        "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext",
    ];

    /// <summary>The longest <c>max_message_timeout</c> Envoy accepts.</summary>
    public static readonly TimeSpan MaxMessageTimeoutLimit = TimeSpan.FromSeconds(3600);

    /// <summary>The hold budget the configs are sized for (route idle and stream idle timeouts must cover it).</summary>
    public static readonly TimeSpan HoldBudget = TimeSpan.FromSeconds(3600);
}
