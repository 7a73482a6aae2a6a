using Envoy.Extensions.Filters.Http.ExtProc.V3;

namespace Hush.EnvoyEmulator.Filter;

/// <summary>
/// The subset of Envoy's <c>envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor</c> filter config the
/// emulator honours, with Envoy's defaults (protocol notes §1.6, §2.5, §2.11).
/// </summary>
public sealed class ExtProcFilterConfig
{
    /// <summary>Processing mode; unset header modes mean SEND, unset trailer modes SKIP, unset body modes NONE.</summary>
    public ProcessingMode ProcessingMode { get; init; } = new()
    {
        RequestHeaderMode = ProcessingMode.Types.HeaderSendMode.Send,
        ResponseHeaderMode = ProcessingMode.Types.HeaderSendMode.Send,
        RequestBodyMode = ProcessingMode.Types.BodySendMode.None,
        ResponseBodyMode = ProcessingMode.Types.BodySendMode.None,
        RequestTrailerMode = ProcessingMode.Types.HeaderSendMode.Skip,
        ResponseTrailerMode = ProcessingMode.Types.HeaderSendMode.Skip,
    };

    /// <summary><c>failure_mode_allow</c>: fail open (abandon the server, traffic continues unprocessed).</summary>
    public bool FailureModeAllow { get; init; }

    /// <summary><c>message_timeout</c>, default 200 ms; zero fires immediately.</summary>
    public TimeSpan MessageTimeout { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary><c>max_message_timeout</c>; zero (default) disables <c>override_message_timeout</c>.</summary>
    public TimeSpan MaxMessageTimeout { get; init; } = TimeSpan.Zero;

    /// <summary><c>allow_mode_override</c>.</summary>
    public bool AllowModeOverride { get; init; }

    /// <summary><c>allowed_override_modes</c>; empty allows any override.</summary>
    public IReadOnlyList<ProcessingMode> AllowedOverrideModes { get; init; } = [];

    /// <summary><c>send_body_without_waiting_for_header_response</c> (STREAMED only).</summary>
    public bool SendBodyWithoutWaitingForHeaderResponse { get; init; }

    /// <summary><c>metadata_options.forwarding_namespaces.untyped</c>.</summary>
    public IReadOnlyList<string> ForwardingNamespacesUntyped { get; init; } = [];

    /// <summary><c>metadata_options.receiving_namespaces.untyped</c>.</summary>
    public IReadOnlyList<string> ReceivingNamespacesUntyped { get; init; } = [];

    /// <summary><c>request_attributes</c>; emulated: request.path, request.method, request.scheme, connection.id.</summary>
    public IReadOnlyList<string> RequestAttributes { get; init; } = [];

    /// <summary><c>response_attributes</c>; emulated: response.code.</summary>
    public IReadOnlyList<string> ResponseAttributes { get; init; } = [];

    /// <summary><c>status_on_error</c>, default 500.</summary>
    public int StatusOnError { get; init; } = 500;

    /// <summary><c>disable_immediate_response</c>: an immediate_response is then a spurious message.</summary>
    public bool DisableImmediateResponse { get; init; }

    /// <summary><c>mutation_rules.allow_all_routing</c>: permits :authority, host, :scheme, :method mutations.</summary>
    public bool AllowAllRouting { get; init; }

    /// <summary><c>mutation_rules.allow_envoy</c>: permits x-envoy-* mutations.</summary>
    public bool AllowEnvoy { get; init; }

    /// <summary><c>mutation_rules.disallow_is_error</c>: a disallowed mutation is a 500 instead of being ignored.</summary>
    public bool DisallowIsError { get; init; }

    /// <summary>Per-stream buffer limit (Envoy's per-connection buffer limit, default 1 MiB).</summary>
    public int BufferLimitBytes { get; init; } = 1024 * 1024;

    /// <summary>HCM <c>max_request_headers_kb</c> (default 60) applied to mutated header maps.</summary>
    public int MaxHeadersKb { get; init; } = 60;

    /// <summary>HCM <c>common_http_protocol_options.max_headers_count</c> (default 100) applied to mutated header maps.</summary>
    public int MaxHeadersCount { get; init; } = 100;
}
