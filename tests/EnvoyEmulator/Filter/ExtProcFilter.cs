using System.Threading.Channels;
using Envoy.Service.ExtProc.V3;
using Grpc.Core;

namespace Hush.EnvoyEmulator.Filter;

/// <summary>
/// Envoy's <c>envoy.filters.http.ext_proc</c> filter for one HTTP stream: the client side of the
/// <c>ExternalProcessor/Process</c> call, with the per-direction state machine of protocol notes §2.3.
/// The host feeds HTTP events (Decode* for the request, Encode* for the response) and receives released traffic
/// through <see cref="IFilterOutput"/>. All state changes run on one event loop, so answers, timers and HTTP
/// events are processed strictly one at a time, like Envoy's worker thread.
/// </summary>
public sealed partial class ExtProcFilter : IAsyncDisposable
{
    private const string AttributesKey = "envoy.filters.http.ext_proc";

    private readonly ExtProcFilterConfig _config;
    private readonly IFilterOutput _output;
    private readonly ExtProcStreamContext _context;
    private readonly TimeProvider _time;
    private readonly ExtProcCounters _counters;
    private readonly ExtProcTranscript _transcript;
    private readonly ExternalProcessor.ExternalProcessorClient _client;
    private readonly Channel<FilterEvent> _events = Channel.CreateUnbounded<FilterEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly DirectionState _request = new(TrafficDirection.Request);
    private readonly DirectionState _response = new(TrafficDirection.Response);
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _loop;

    private AsyncDuplexStreamingCall<ProcessingRequest, ProcessingResponse>? _call;
    private CancellationTokenSource? _callCts;
    private Channel<ProcessingRequest>? _writes;
    private bool _sideStreamClosed;
    private bool _abandoned;
    private bool _ended;
    private bool _firstMessageSent;
    private bool _responseHeadersSent;
    private bool _fullDuplexBodySeen;

    /// <summary>Creates the filter for one HTTP stream; the side stream opens lazily with the first message.</summary>
    /// <param name="channel">gRPC channel to the ext_proc server (h2c).</param>
    /// <param name="config">Filter config; validated like Envoy does.</param>
    /// <param name="output">Receives released traffic.</param>
    /// <param name="context">Stream info (connection id, dynamic metadata); a fresh one when null.</param>
    /// <param name="time">Clock for message timers; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="counters">Stats sink; a fresh one when null.</param>
    /// <param name="transcript">Side-stream transcript; a fresh one when null.</param>
    public ExtProcFilter(
        ChannelBase channel,
        ExtProcFilterConfig config,
        IFilterOutput output,
        ExtProcStreamContext? context = null,
        TimeProvider? time = null,
        ExtProcCounters? counters = null,
        ExtProcTranscript? transcript = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(output);
        ExtProcConfigValidator.EnsureValid(config);
        _config = config;
        _output = output;
        _context = context ?? new ExtProcStreamContext();
        _time = time ?? TimeProvider.System;
        _counters = counters ?? new ExtProcCounters();
        _transcript = transcript ?? new ExtProcTranscript();
        _client = new ExternalProcessor.ExternalProcessorClient(channel);
        _request.ApplyModes(config.ProcessingMode, isOverride: false);
        _response.ApplyModes(config.ProcessingMode, isOverride: false);
        _loop = Task.Run(RunLoopAsync);
    }

    /// <summary>Completes when both directions ended (released, local reply, reset or cancel).</summary>
    public Task Completion => _completion.Task;

    /// <summary>The stats of this filter.</summary>
    public ExtProcCounters Counters => _counters;

    /// <summary>The side-stream transcript of this filter.</summary>
    public ExtProcTranscript Transcript => _transcript;

    /// <summary>The stream info (dynamic metadata in and out).</summary>
    public ExtProcStreamContext Context => _context;

    /// <summary>Request headers arrive from the downstream.</summary>
    public Task DecodeHeadersAsync(HttpHeaderList headers, bool endOfStream) =>
        PostHttp(FilterEventKind.Headers, TrafficDirection.Request, headers.Clone(), null, endOfStream);

    /// <summary>Request body data arrives from the downstream; completes when flow control lets the next one in.</summary>
    public Task DecodeDataAsync(ReadOnlyMemory<byte> data, bool endOfStream) =>
        PostHttp(FilterEventKind.Data, TrafficDirection.Request, null, data.ToArray(), endOfStream);

    /// <summary>Request trailers arrive from the downstream.</summary>
    public Task DecodeTrailersAsync(HttpHeaderList trailers) =>
        PostHttp(FilterEventKind.Trailers, TrafficDirection.Request, trailers.Clone(), null, true);

    /// <summary>Response headers arrive from the upstream.</summary>
    public Task EncodeHeadersAsync(HttpHeaderList headers, bool endOfStream) =>
        PostHttp(FilterEventKind.Headers, TrafficDirection.Response, headers.Clone(), null, endOfStream);

    /// <summary>Response body data arrives from the upstream; completes when flow control lets the next one in.</summary>
    public Task EncodeDataAsync(ReadOnlyMemory<byte> data, bool endOfStream) =>
        PostHttp(FilterEventKind.Data, TrafficDirection.Response, null, data.ToArray(), endOfStream);

    /// <summary>Response trailers arrive from the upstream.</summary>
    public Task EncodeTrailersAsync(HttpHeaderList trailers) =>
        PostHttp(FilterEventKind.Trailers, TrafficDirection.Response, trailers.Clone(), null, true);

    /// <summary>Completes once <paramref name="direction"/> has no message outstanding at the server (or processing stopped).</summary>
    public Task WhenIdleAsync(TrafficDirection direction)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(new FilterEvent { Kind = FilterEventKind.WaitIdle, Direction = direction, Done = done });
        return done.Task;
    }

    /// <summary>The downstream went away: resets the side stream and stops (Envoy's filter destroy).</summary>
    public void Cancel() => Post(new FilterEvent { Kind = FilterEventKind.Cancel });

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Cancel();
        _events.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _callCts?.Dispose();
        _call?.Dispose();
    }

    private Task PostHttp(FilterEventKind kind, TrafficDirection direction, HttpHeaderList? headers, byte[]? data, bool endOfStream)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(new FilterEvent { Kind = kind, Direction = direction, Headers = headers, Data = data, EndOfStream = endOfStream, Done = done });
        return done.Task;
    }

    private void Post(FilterEvent ev)
    {
        if (!_events.Writer.TryWrite(ev))
        {
            ev.Done?.TrySetResult();
        }
    }

    private DirectionState StateOf(TrafficDirection direction) => direction == TrafficDirection.Request ? _request : _response;

    private async Task RunLoopAsync()
    {
        await foreach (var ev in _events.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                Process(ev);
            }
#pragma warning disable CA1031 // Any emulator bug must fail the stream closed rather than hang the caller.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                // A bug or a bad input in the emulator itself must not hang the test: fail the stream closed.
                FailClosed(_config.StatusOnError, "ext_proc_emulator_internal_error{" + Sanitize(ex.Message) + "}");
                ev.Done?.TrySetResult();
            }

            CheckWaiters();
        }

        ReleaseAllWaiters();
    }

    private void Process(FilterEvent ev)
    {
        var d = StateOf(ev.Direction);
        switch (ev.Kind)
        {
            case FilterEventKind.Headers:
                OnHeaders(d, ev.Headers!, ev.EndOfStream);
                CompleteAfterFlowControl(d, ev.Done!);
                break;
            case FilterEventKind.Data:
                OnData(d, ev.Data!, ev.EndOfStream);
                CompleteAfterFlowControl(d, ev.Done!);
                break;
            case FilterEventKind.Trailers:
                OnTrailers(d, ev.Headers!);
                ev.Done!.TrySetResult();
                break;
            case FilterEventKind.Response:
                if (ReferenceEquals(ev.Call, _call) && !_sideStreamClosed)
                {
                    OnResponse(ev.Response!);
                }

                break;
            case FilterEventKind.GrpcClosed:
                if (ReferenceEquals(ev.Call, _call) && !_sideStreamClosed)
                {
                    OnGrpcClosed(ev.Status);
                }

                break;
            case FilterEventKind.Timeout:
                if (d.TimerRunning && d.TimerGeneration == ev.Generation)
                {
                    OnTimeout(d);
                }

                break;
            case FilterEventKind.WaitIdle:
                d.IdleWaiters.Add(ev.Done!);
                break;
            case FilterEventKind.Cancel:
                StopTimer(_request);
                StopTimer(_response);
                _ended = true;
                _request.Complete = true;
                _response.Complete = true;
                break;
        }
    }
}
