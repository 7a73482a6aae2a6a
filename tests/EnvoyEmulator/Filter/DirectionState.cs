using System.Buffers;
using Envoy.Extensions.Filters.Http.ExtProc.V3;

namespace Hush.EnvoyEmulator.Filter;

/// <summary>Envoy's per-direction <c>ProcessorState</c>: modes in force, what is held, what is outstanding, the timer.</summary>
internal sealed class DirectionState(TrafficDirection direction)
{
    /// <summary>Which direction this is.</summary>
    public TrafficDirection Direction { get; } = direction;

    /// <summary>Header mode is SEND (DEFAULT means SEND).</summary>
    public bool SendHeaders { get; set; } = true;

    /// <summary>Body mode in force (mode_override and the BUFFERED_PARTIAL hand-off change it).</summary>
    public ProcessingMode.Types.BodySendMode BodyMode { get; set; }

    /// <summary>Trailer mode is SEND.</summary>
    public bool SendTrailers { get; set; }

    /// <summary>What the direction waits for.</summary>
    public CallbackState Callback { get; set; }

    /// <summary>Headers not yet released (sent to the server or waiting for the body).</summary>
    public HttpHeaderList? HeldHeaders { get; set; }

    /// <summary>The headers as they arrived (for attributes).</summary>
    public HttpHeaderList? OriginalHeaders { get; set; }

    /// <summary>Headers arrived with end_of_stream (no body, no trailers).</summary>
    public bool HeadersEndOfStream { get; set; }

    /// <summary>The server answered (or was not asked about) the headers.</summary>
    public bool HeadersAnswered { get; set; }

    /// <summary>Body data received but not yet sent nor released (coalesced or buffered).</summary>
    public ArrayBufferWriter<byte> Pending { get; } = new();

    /// <summary>At least one data callback (possibly empty) contributed to <see cref="Pending"/>.</summary>
    public bool PendingHasData { get; set; }

    /// <summary>The whole-body (BUFFERED/BUFFERED_PARTIAL) message sent and awaiting its answer.</summary>
    public byte[]? SentBody { get; set; }

    /// <summary>end_of_stream flag of <see cref="SentBody"/>.</summary>
    public bool SentBodyEndOfStream { get; set; }

    /// <summary>Body end seen (data end_of_stream, trailers, or headers end_of_stream).</summary>
    public bool BodyComplete { get; set; }

    /// <summary>Trailers arrived.</summary>
    public bool TrailersArrived { get; set; }

    /// <summary>Trailers held until body answers are in (or until their own answer).</summary>
    public HttpHeaderList? HeldTrailers { get; set; }

    /// <summary>A trailers message was sent for <see cref="HeldTrailers"/>.</summary>
    public bool TrailersSent { get; set; }

    /// <summary>STREAMED chunks sent and not yet answered, oldest first.</summary>
    public Queue<QueuedChunk> Outstanding { get; } = new();

    /// <summary>Chunks were sent while the headers answer was pending (send_body_without_waiting / FDS).</summary>
    public bool SentBodyEarly { get; set; }

    /// <summary>After CONTINUE_AND_REPLACE with a body: later body data is drained.</summary>
    public bool DrainBody { get; set; }

    /// <summary>FDS: the server finished the direction with streamed_response end_of_stream or a trailers answer.</summary>
    public bool FdsFinished { get; set; }

    /// <summary>The end of this direction was released (or the stream ended).</summary>
    public bool Complete { get; set; }

    /// <summary>Attributes were already sent for this direction.</summary>
    public bool AttributesSent { get; set; }

    /// <summary>The message timer.</summary>
    public ITimer? Timer { get; set; }

    /// <summary>Bumped on every start/stop so stale callbacks are recognised.</summary>
    public long TimerGeneration { get; set; }

    /// <summary>A message timer is running.</summary>
    public bool TimerRunning { get; set; }

    /// <summary>An override_message_timeout may still be accepted for the last sent message.</summary>
    public bool OverrideAllowed { get; set; }

    /// <summary>Callers waiting until nothing is outstanding.</summary>
    public List<TaskCompletionSource> IdleWaiters { get; } = [];

    /// <summary>Callers paused by flow control.</summary>
    public List<TaskCompletionSource> WatermarkWaiters { get; } = [];

    /// <summary>Bytes held in this direction (pending plus outstanding chunks), for flow control.</summary>
    public long QueuedBytes { get; set; }

    /// <summary>Whether a message to the server is outstanding in this direction.</summary>
    /// <remarks>In FDS answers are M:N, so the direction only waits for the headers answer and, once the body ended,
    /// for the server's end of stream.</remarks>
    public bool IsWaiting => BodyMode == ProcessingMode.Types.BodySendMode.FullDuplexStreamed
        ? Callback == CallbackState.HeadersCallback || (Callback == CallbackState.StreamedBodyCallback && BodyComplete && !FdsFinished)
        : Callback != CallbackState.Idle || Outstanding.Count > 0;

    /// <summary>Applies the configured (or overriding) modes for this direction.</summary>
    public void ApplyModes(ProcessingMode mode, bool isOverride)
    {
        var header = Direction == TrafficDirection.Request ? mode.RequestHeaderMode : mode.ResponseHeaderMode;
        var trailer = Direction == TrafficDirection.Request ? mode.RequestTrailerMode : mode.ResponseTrailerMode;
        var body = Direction == TrafficDirection.Request ? mode.RequestBodyMode : mode.ResponseBodyMode;

        // In an override DEFAULT header/trailer modes mean "no change" (1.34+), request_header_mode is meaningless,
        // and body modes are literal: unset means NONE (§2.9).
        if (!isOverride || (header != ProcessingMode.Types.HeaderSendMode.Default && Direction == TrafficDirection.Response))
        {
            SendHeaders = header != ProcessingMode.Types.HeaderSendMode.Skip;
        }

        if (!isOverride || trailer != ProcessingMode.Types.HeaderSendMode.Default)
        {
            SendTrailers = trailer == ProcessingMode.Types.HeaderSendMode.Send;
        }

        BodyMode = body;
    }

    /// <summary>Takes the pending bytes out.</summary>
    public byte[] TakePending()
    {
        var bytes = Pending.WrittenSpan.ToArray();
        QueuedBytes -= bytes.Length;
        Pending.Clear();
        PendingHasData = false;
        return bytes;
    }
}
