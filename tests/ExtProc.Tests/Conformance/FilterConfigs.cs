using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Hush.EnvoyEmulator.Filter;
using Hush.EnvoyEmulator.JwtAuthn;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;
using HeaderMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.HeaderSendMode;

namespace Hush.ExtProc.Tests.Conformance;

/// <summary>ext_proc filter configs for the conformance tests, including a mirror of envoy/envoy.yaml.</summary>
internal static class FilterConfigs
{
    /// <summary>
    /// Message timeout for real-time tests on a loaded machine: a failure guard, never the subject (the timeout
    /// test sets Envoy's 200 ms default explicitly).
    /// </summary>
    public static readonly TimeSpan LongTimeout = TimeSpan.FromSeconds(20);

    /// <summary>A processing mode with header SEND in both directions and the given body/trailer modes.</summary>
    public static ProcessingMode Mode(
        BodyMode requestBody = BodyMode.None,
        BodyMode responseBody = BodyMode.Streamed,
        HeaderMode requestTrailers = HeaderMode.Skip,
        HeaderMode responseTrailers = HeaderMode.Skip) => new()
        {
            RequestHeaderMode = HeaderMode.Send,
            ResponseHeaderMode = HeaderMode.Send,
            RequestBodyMode = requestBody,
            ResponseBodyMode = responseBody,
            RequestTrailerMode = requestTrailers,
            ResponseTrailerMode = responseTrailers,
        };

    /// <summary>A fail-closed config with <paramref name="mode"/> and a long message timeout.</summary>
    public static ExtProcFilterConfig With(ProcessingMode mode, bool sendBodyWithoutWaiting = false, int bufferLimitBytes = 1024 * 1024) => new()
    {
        ProcessingMode = mode,
        MessageTimeout = LongTimeout,
        SendBodyWithoutWaitingForHeaderResponse = sendBodyWithoutWaiting,
        BufferLimitBytes = bufferLimitBytes,
    };

    /// <summary>
    /// The ext_proc filter of envoy/envoy.yaml: request BUFFERED, response STREAMED with trailer SEND, fail closed,
    /// mode overrides limited to the two allowed_override_modes entries, jwt_authn metadata forwarded, the same
    /// attributes; the listener's per_connection_buffer_limit_bytes (8 MiB) as the buffer limit.
    /// </summary>
    public static ExtProcFilterConfig EnvoyYaml(TimeSpan? messageTimeout = null) => new()
    {
        ProcessingMode = Mode(BodyMode.Buffered, BodyMode.Streamed, HeaderMode.Skip, HeaderMode.Send),
        FailureModeAllow = false,
        MessageTimeout = messageTimeout ?? LongTimeout,
        MaxMessageTimeout = TimeSpan.FromSeconds(3600),
        AllowModeOverride = true,
        AllowedOverrideModes =
        [
            new ProcessingMode { RequestBodyMode = BodyMode.Buffered, ResponseBodyMode = BodyMode.None },
            new ProcessingMode { RequestBodyMode = BodyMode.None, ResponseBodyMode = BodyMode.Streamed },
        ],
        ForwardingNamespacesUntyped = [JwtAuthnFilter.MetadataNamespace],
        ReceivingNamespacesUntyped = ["hush"],
        RequestAttributes = ["request.path", "request.method", "request.id"],
        ResponseAttributes = ["response.code"],
        BufferLimitBytes = 8 * 1024 * 1024,
    };
}
