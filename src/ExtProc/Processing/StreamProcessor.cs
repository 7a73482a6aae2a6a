using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Envoy.Service.ExtProc.V3;
using Hush.ExtProc.Metrics;
using Hush.ExtProc.Policies;

namespace Hush.ExtProc.Processing;

/// <summary>
/// The state of one ext_proc stream (one HTTP request and its response). <see cref="Handle"/> takes each message
/// Envoy sends and returns its answers; the gRPC service only runs the loop. Every message gets exactly one answer
/// in order (except a duplicate final chunk in FULL_DUPLEX_STREAMED, which Envoy does not expect answered); a
/// message that breaks Envoy's protocol throws <see cref="ExtProcFailure"/> so the stream ends with an error and
/// Envoy fails closed. Not thread-safe: the service calls it from one loop.
/// </summary>
internal sealed partial class StreamProcessor : IDisposable
{
    private readonly PolicyStore? _store;
    private readonly RouteSelector? _routes;
    private LoadedPolicy? _policy;
    private readonly ProcessorSettings _settings;
    private readonly TimeProvider _time;
    private readonly HushMetrics _metrics;
    private readonly Audit.IAuditWriter? _audit;
    private readonly DirectionState _request = new(TrafficDirection.Request);
    private readonly DirectionState _response = new(TrafficDirection.Response);
    private readonly List<ProcessingResponse> _answers = new(2);
    private bool _seenFirst;
    private bool _sendBodyWithoutWaiting;

    /// <summary>Creates the processor of one stream; <paramref name="policy"/> is null only in pass-through mode.</summary>
    public StreamProcessor(LoadedPolicy? policy, ProcessorSettings settings, TimeProvider time, HushMetrics metrics)
        : this(policy, settings, time, metrics, null, null)
    {
    }

    /// <summary>
    /// Creates the processor of one stream that starts with the default <paramref name="policy"/> and, when
    /// <paramref name="routes"/> match the request headers, switches to that route's policy from <paramref name="store"/>
    /// before any body byte is scanned.
    /// </summary>
    public StreamProcessor(LoadedPolicy? policy, ProcessorSettings settings, TimeProvider time, HushMetrics metrics,
        PolicyStore? store, RouteSelector? routes, Audit.IAuditWriter? audit = null)
    {
        _audit = audit;
        _store = store;
        _routes = routes;
        _metrics = metrics;
        if (policy is null && !settings.PassThrough)
        {
            throw new ArgumentNullException(nameof(policy));
        }

        _policy = policy;
        _settings = settings;
        _time = time;
    }

    /// <summary>The policy this stream runs (fixed at request headers for its life, even if a reload happens).</summary>
    public LoadedPolicy? Policy => _policy;

    /// <summary>The route whose policy this stream runs, or null for the default policy.</summary>
    public string? Route { get; private set; }

    /// <summary>An immediate response was sent: the stream is finished and expects no further message.</summary>
    public bool Terminated { get; private set; }

    /// <summary>At least one message arrived (there is an exchange to audit).</summary>
    public bool Started => _seenFirst;

    /// <summary>Both directions reached their end.</summary>
    public bool Completed => Terminated || (Finished(_request) && Finished(_response));

    /// <summary>Secrets masked so far over both directions.</summary>
    public int MaskCount => (_request.Scanner?.MaskCount ?? 0) + (_response.Scanner?.MaskCount ?? 0);

    /// <summary>Hold verdicts raised so far over both directions.</summary>
    public int HoldCount => (_request.Scanner?.HoldCount ?? 0) + (_response.Scanner?.HoldCount ?? 0);

    /// <summary>Bytes currently held back over both directions.</summary>
    public int HeldBytes => (_request.Scanner?.HeldBytes ?? 0) + (_response.Scanner?.HeldBytes ?? 0);

    /// <summary>
    /// Processes one message and returns its answers (a list reused by the next call). Throws
    /// <see cref="ExtProcFailure"/> when the message breaks the protocol or a limit.
    /// </summary>
    public IReadOnlyList<ProcessingResponse> Handle(ProcessingRequest message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _answers.Clear();
        _builtThisCall.Clear();
        if (Terminated)
        {
            // Envoy pipelines messages (request chunks, a racing direction) before it reads the immediate response
            // and then ignores any answer: nothing to do, and not an error.
            return _answers;
        }

        if (message.ObservabilityMode)
        {
            throw ExtProcFailure.Protocol("observability_mode is set: Envoy ignores every answer in that mode, so nothing could be masked; configure the filter without observability_mode");
        }

        if (!_seenFirst)
        {
            _seenFirst = true;
            ApplyProtocolConfig(message.ProtocolConfig);
        }

        var started = _time.GetTimestamp();
        ReadIdentity(message);
        var phase = Dispatch(message);
        if (_holdStage != HoldStage.Off && phase >= MessagePhase.ResponseHeaders && !Terminated)
        {
            AfterResponseMessage();
        }

        ReportOutcome();
        _metrics.MessagesByPhase[(int)phase].Inc();
        _metrics.DurationByPhase[(int)phase].Observe(_time.GetElapsedTime(started).TotalSeconds);
        return _answers;
    }

    private MessagePhase Dispatch(ProcessingRequest message)
    {
        switch (message.RequestCase)
        {
            case ProcessingRequest.RequestOneofCase.RequestHeaders:
                OnHeaders(_request, message.RequestHeaders);
                return MessagePhase.RequestHeaders;
            case ProcessingRequest.RequestOneofCase.ResponseHeaders:
                OnHeaders(_response, message.ResponseHeaders);
                return MessagePhase.ResponseHeaders;
            case ProcessingRequest.RequestOneofCase.RequestBody:
                OnBody(_request, message.RequestBody);
                return MessagePhase.RequestBody;
            case ProcessingRequest.RequestOneofCase.ResponseBody:
                OnBody(_response, message.ResponseBody);
                return MessagePhase.ResponseBody;
            case ProcessingRequest.RequestOneofCase.RequestTrailers:
                OnTrailers(_request);
                return MessagePhase.RequestTrailers;
            case ProcessingRequest.RequestOneofCase.ResponseTrailers:
                OnTrailers(_response);
                return MessagePhase.ResponseTrailers;
            default:
                throw ExtProcFailure.Protocol("ProcessingRequest has no request oneof set (no headers, body or trailers)");
        }
    }

    private void ApplyProtocolConfig(ProtocolConfiguration? config)
    {
        if (config is null)
        {
            return;
        }

        _request.BodyMode = config.RequestBodyMode;
        _response.BodyMode = config.ResponseBodyMode;
        _request.BodyModeKnown = _response.BodyModeKnown = true;
        _sendBodyWithoutWaiting = config.SendBodyWithoutWaitingForHeaderResponse;
        if (config.RequestBodyMode == ProcessingMode.Types.BodySendMode.Grpc
            || config.ResponseBodyMode == ProcessingMode.Types.BodySendMode.Grpc)
        {
            throw ExtProcFailure.Protocol("body mode GRPC is not supported: configure STREAMED, BUFFERED or FULL_DUPLEX_STREAMED");
        }
    }

    // A direction whose body mode is NONE sends nothing after its headers unless trailers come.
    private static bool Finished(DirectionState direction) =>
        direction.Phase == DirectionPhase.Done
        || (direction.Phase == DirectionPhase.Body && direction.BodyModeKnown && direction.BodyMode == ProcessingMode.Types.BodySendMode.None);

    private static string Name(DirectionState direction, string part) =>
        direction.Direction == TrafficDirection.Request ? "request_" + part : "response_" + part;

    /// <inheritdoc />
    public void Dispose()
    {
        _request.Dispose();
        _response.Dispose();
        _requestCapture?.Dispose();
        _responseCapture?.Dispose();
    }
}
