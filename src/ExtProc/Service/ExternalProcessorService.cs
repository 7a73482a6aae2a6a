using Envoy.Service.ExtProc.V3;
using Grpc.Core;
using Hush.ExtProc.Hosting;
using Hush.ExtProc.Metrics;
using Hush.ExtProc.Policies;
using Hush.ExtProc.Processing;

namespace Hush.ExtProc.Service;

/// <summary>
/// The ext_proc gRPC service: runs the receive → process → answer loop of each stream around one
/// <see cref="StreamProcessor"/>. It never ends a call with OK while Envoy may still expect answers (Envoy would
/// forward queued chunks unprocessed); errors end the call with a non-OK status so Envoy fails closed, and Envoy's
/// usual reset of the side stream is treated as a normal end.
/// </summary>
internal sealed class ExternalProcessorService : PooledProcessorBase
{
    private readonly PolicyStore _store;
    private readonly ProcessorSettings _settings;
    private readonly StreamLimiter _limiter;
    private readonly TimeProvider _time;
    private readonly ILogger<ExternalProcessorService> _logger;
    private readonly HushMetrics _metrics;
    private readonly RouteSelector _routes;
    private readonly HoldCoordinator _holds;
    private readonly Audit.IAuditWriter? _audit;

    /// <summary>Creates the service.</summary>
    public ExternalProcessorService(PolicyStore store, ProcessorSettings settings, StreamLimiter limiter, TimeProvider time,
        ILogger<ExternalProcessorService> logger, HushMetrics metrics, RouteSelector routes, HoldCoordinator holds,
        Audit.IAuditWriter? audit = null)
    {
        _holds = holds;
        _audit = audit;
        _routes = routes;
        _metrics = metrics;
        _store = store;
        _settings = settings;
        _limiter = limiter;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    public override async Task Process(IAsyncStreamReader<ProcessingRequest> requestStream,
        IServerStreamWriter<ProcessingResponse> responseStream, ServerCallContext context)
    {
        var policy = _store.Current;
        if (policy is null && !_settings.PassThrough)
        {
            _metrics.Streams.WithLabels("unavailable").Inc();
            Log.StreamRefused(_logger, "no policy loaded (NOT_SERVING)");
            throw new RpcException(new Status(StatusCode.Unavailable, "hush: no policy loaded; refusing to pass traffic unscanned"));
        }

        if (!_limiter.TryEnter())
        {
            _metrics.Streams.WithLabels("rejected").Inc();
            _metrics.Errors.WithLabels("limit").Inc();
            Log.StreamRefused(_logger, "Hush:MaxConcurrentStreams reached");
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "hush: too many concurrent ext_proc streams (Hush:MaxConcurrentStreams)"));
        }

        _metrics.ActiveStreams.Inc();
        var outcome = "error";
        var cancel = context.CancellationToken;
        var started = _time.GetTimestamp();
        using var processor = new StreamProcessor(policy, _settings, _time, _metrics, _store, _routes, _audit);
        try
        {
            while (await requestStream.MoveNext(cancel).ConfigureAwait(false))
            {
                var message = requestStream.Current;
                var answers = processor.Handle(message);
                RequestPool.Shared.Return(message);
                await WriteAsync(responseStream, answers, cancel).ConfigureAwait(false);
                processor.AnswersSent();
                if (processor.RaisedHold is { } raised)
                {
                    // The final answer waits here; Envoy's timer was extended by the override just written.
                    var window = _settings.Holds!.InlineWindow;
                    await WriteAsync(responseStream, await _holds.ResolveAsync(processor, raised, window, cancel).ConfigureAwait(false), cancel)
                        .ConfigureAwait(false);
                }
                else if (processor.PendingFetch is { } fetch)
                {
                    await WriteAsync(responseStream, await _holds.FetchAsync(processor, fetch, cancel).ConfigureAwait(false), cancel)
                        .ConfigureAwait(false);
                }
            }

            // Envoy half-closed: every message it sent has been answered, so an OK end releases nothing unscanned.
            outcome = "completed";
        }
        catch (ExtProcFailure failure)
        {
            _metrics.Errors.WithLabels(failure.Kind).Inc();
            Log.StreamFailed(_logger, failure.Kind, failure.Message);
            throw new RpcException(new Status(failure.Status, "hush: " + failure.Message));
        }
        catch (Exception ex) when (ex is IOException || (cancel.IsCancellationRequested && ex is OperationCanceledException or RpcException))
        {
            // Envoy resets the side stream when it is done with it (and on downstream disconnect): a normal end.
            // Kestrel may surface the reset as an IOException from MoveNext before the call's token is signalled.
            outcome = processor.Completed ? "completed" : "cancelled";
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            _metrics.Errors.WithLabels("internal").Inc();
            Log.StreamCrashed(_logger, ex);
            throw new RpcException(new Status(StatusCode.Internal, "hush: internal error while processing the stream"));
        }
        finally
        {
            if (_audit is not null && processor.Started)
            {
                _audit.TryWrite(processor.BuildAuditRecord(outcome != "completed", _time.GetElapsedTime(started)));
            }

            _metrics.ActiveStreams.Dec();
            _metrics.Streams.WithLabels(outcome).Inc();
            _limiter.Exit();
        }
    }

    private static async Task WriteAsync(IServerStreamWriter<ProcessingResponse> stream, IReadOnlyList<ProcessingResponse> answers,
        CancellationToken cancel)
    {
        for (var i = 0; i < answers.Count; i++)
        {
            await stream.WriteAsync(answers[i], cancel).ConfigureAwait(false);
        }
    }
}
