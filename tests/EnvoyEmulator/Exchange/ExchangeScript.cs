using Google.Protobuf.WellKnownTypes;
using Hush.EnvoyEmulator.Filter;

namespace Hush.EnvoyEmulator.Exchange;

/// <summary>
/// One emulated HTTP exchange: what the downstream client sends and what the upstream answers. A message ends with
/// its last body chunk unless trailers follow; with no chunks and no trailers the headers carry end_of_stream.
/// </summary>
public sealed class ExchangeScript
{
    /// <summary>Request headers including pseudo-headers (see <see cref="HttpHeaderList.Request"/>).</summary>
    public required HttpHeaderList RequestHeaders { get; init; }

    /// <summary>Request body chunks (empty: no body; one empty chunk: an empty body).</summary>
    public IReadOnlyList<ScriptChunk> RequestBody { get; init; } = [];

    /// <summary>Request trailers, if any.</summary>
    public HttpHeaderList? RequestTrailers { get; init; }

    /// <summary>Response headers including <c>:status</c>; null means the upstream never answers.</summary>
    public HttpHeaderList? ResponseHeaders { get; init; } = HttpHeaderList.Response(200);

    /// <summary>Response body chunks.</summary>
    public IReadOnlyList<ScriptChunk> ResponseBody { get; init; } = [];

    /// <summary>Response trailers, if any.</summary>
    public HttpHeaderList? ResponseTrailers { get; init; }

    /// <summary>When the upstream starts answering.</summary>
    public ResponseStart ResponseStart { get; init; } = ResponseStart.AfterRequestComplete;

    /// <summary>Dynamic metadata present before ext_proc runs (e.g. the jwt_authn namespace).</summary>
    public IReadOnlyDictionary<string, Struct> DynamicMetadata { get; init; } = new Dictionary<string, Struct>();

    /// <summary>Envoy <c>connection.id</c>.</summary>
    public ulong ConnectionId { get; init; } = 1;

    /// <summary>Real-time guard: how long to wait for each phase before returning an incomplete result.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
}
