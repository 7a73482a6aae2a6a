using System.Buffers;
using Envoy.Extensions.Filters.Http.ExtProc.V3;

namespace Hush.EnvoyEmulator.Filter;

/// <summary>HTTP events entering a direction: what is sent to the server, held, or released (§2.3).</summary>
public sealed partial class ExtProcFilter
{
    private void OnHeaders(DirectionState d, HttpHeaderList headers, bool endOfStream)
    {
        if (_ended || d.Complete)
        {
            return;
        }

        d.OriginalHeaders = headers.Clone();
        d.HeadersEndOfStream = endOfStream;
        d.BodyComplete = endOfStream;
        if (_abandoned || !d.SendHeaders)
        {
            d.HeadersAnswered = true;
            if (!endOfStream && !_abandoned && ShouldStripContentLength(d))
            {
                headers.Remove("content-length");
            }

            // BUFFERED with header SKIP still lets the headers go: Envoy continues them and buffers the body.
            ForwardHeaders(d, headers, endOfStream);
            return;
        }

        d.HeldHeaders = headers;
        SendHeadersMessage(d, headers, endOfStream);
    }

    private void OnData(DirectionState d, byte[] data, bool endOfStream)
    {
        if (_ended || d.Complete)
        {
            return;
        }

        if (endOfStream)
        {
            d.BodyComplete = true;
        }

        if (_abandoned)
        {
            ForwardData(d, data, endOfStream);
            return;
        }

        if (d.DrainBody)
        {
            return;
        }

        if (d.Callback == CallbackState.HeadersCallback)
        {
            if (d.BodyMode == ProcessingMode.Types.BodySendMode.FullDuplexStreamed)
            {
                d.SentBodyEarly = true;
                SendBodyMessage(d, data, endOfStream, CallbackState.HeadersCallback, timer: false);
                return;
            }

            if (d.BodyMode == ProcessingMode.Types.BodySendMode.Streamed && _config.SendBodyWithoutWaitingForHeaderResponse)
            {
                d.SentBodyEarly = true;
                EnqueueStreamedChunk(d, data, endOfStream, CallbackState.HeadersCallback);
                return;
            }

            // Coalesced: sent as one message once the headers answer is in (§2.3).
            AppendPending(d, data);
            CheckBufferOverflow(d);
            return;
        }

        switch (d.BodyMode)
        {
            case ProcessingMode.Types.BodySendMode.Streamed:
                EnqueueStreamedChunk(d, data, endOfStream, CallbackState.StreamedBodyCallback);
                return;
            case ProcessingMode.Types.BodySendMode.FullDuplexStreamed:
                SendBodyMessage(d, data, endOfStream, CallbackState.StreamedBodyCallback, timer: false);
                return;
            case ProcessingMode.Types.BodySendMode.Buffered:
                AppendPending(d, data);
                if (CheckBufferOverflow(d))
                {
                    return;
                }

                if (endOfStream && d.Callback == CallbackState.Idle)
                {
                    SendWholeBody(d, CallbackState.BufferedBodyCallback, endOfStream: true);
                }

                return;
            case ProcessingMode.Types.BodySendMode.BufferedPartial:
                AppendPending(d, data);
                if (d.Callback == CallbackState.Idle && (endOfStream || d.Pending.WrittenCount >= _config.BufferLimitBytes))
                {
                    SendWholeBody(d, CallbackState.BufferedPartialBodyCallback, endOfStream);
                }

                return;
            default:
                if (d.HeldHeaders is not null || d.Callback != CallbackState.Idle)
                {
                    // Still waiting for an earlier answer (e.g. the partial exchange): keep order.
                    AppendPending(d, data);
                    return;
                }

                ForwardData(d, data, endOfStream);
                return;
        }
    }

    private void OnTrailers(DirectionState d, HttpHeaderList trailers)
    {
        if (_ended || d.Complete)
        {
            return;
        }

        d.BodyComplete = true;
        d.TrailersArrived = true;
        if (_abandoned)
        {
            ForwardTrailers(d, trailers);
            return;
        }

        if (d.DrainBody)
        {
            return;
        }

        d.HeldTrailers = trailers;
        if (d.BodyMode == ProcessingMode.Types.BodySendMode.FullDuplexStreamed)
        {
            // FDS sends trailers immediately, even before the headers answer, and never times them.
            d.TrailersSent = true;
            SendTrailersMessage(d, trailers, d.Callback == CallbackState.HeadersCallback ? CallbackState.HeadersCallback : CallbackState.StreamedBodyCallback, timer: false);
            return;
        }

        if (d.Callback != CallbackState.Idle)
        {
            // Headers or body answers outstanding: trailers go after them.
            return;
        }

        if (d.PendingHasData
            && d.BodyMode is ProcessingMode.Types.BodySendMode.Buffered or ProcessingMode.Types.BodySendMode.BufferedPartial)
        {
            // The body end is only known now; the single body message goes with end_of_stream=false (§2.3).
            SendWholeBody(d, d.BodyMode == ProcessingMode.Types.BodySendMode.Buffered ? CallbackState.BufferedBodyCallback : CallbackState.BufferedPartialBodyCallback, endOfStream: false);
            return;
        }

        ContinueWithTrailers(d);
    }

    /// <summary>Everything before the trailers is released: send them for processing or release them.</summary>
    private void ContinueWithTrailers(DirectionState d)
    {
        if (d.HeldTrailers is null || d.TrailersSent || d.Callback != CallbackState.Idle || d.Outstanding.Count > 0)
        {
            return;
        }

        if (d.HeldHeaders is not null)
        {
            ForwardHeaders(d, d.HeldHeaders, endOfStream: false);
        }

        if (d.PendingHasData)
        {
            ForwardData(d, d.TakePending(), endOfStream: false);
        }

        if (d.SendTrailers && !_abandoned)
        {
            d.TrailersSent = true;
            SendTrailersMessage(d, d.HeldTrailers, CallbackState.TrailersCallback, timer: true);
            return;
        }

        ForwardTrailers(d, d.HeldTrailers);
    }

    private void AppendPending(DirectionState d, byte[] data)
    {
        d.Pending.Write(data);
        d.PendingHasData = true;
        d.QueuedBytes += data.Length;
    }

    /// <summary>BUFFERED overflow: 413 on requests, 500 on responses (as Envoy's buffer filter manager does).</summary>
    private bool CheckBufferOverflow(DirectionState d)
    {
        if (d.BodyMode != ProcessingMode.Types.BodySendMode.Buffered || d.Pending.WrittenCount <= _config.BufferLimitBytes)
        {
            return false;
        }

        if (d.Direction == TrafficDirection.Request)
        {
            FailClosed(413, "request_payload_too_large");
        }
        else
        {
            FailClosed(500, "response_payload_too_large");
        }

        return true;
    }

    private void EnqueueStreamedChunk(DirectionState d, byte[] data, bool endOfStream, CallbackState callback)
    {
        d.Outstanding.Enqueue(new QueuedChunk(data, endOfStream));
        d.QueuedBytes += data.Length;
        SendBodyMessage(d, data, endOfStream, callback, timer: true);
    }

    private void SendWholeBody(DirectionState d, CallbackState callback, bool endOfStream)
    {
        var body = d.TakePending();
        d.SentBody = body;
        d.SentBodyEndOfStream = endOfStream;
        SendBodyMessage(d, body, endOfStream, callback, timer: true);
    }

    /// <summary>§2.4: STREAMED, FDS, BUFFERED_PARTIAL, and BUFFERED with header SKIP lose content-length.</summary>
    private static bool ShouldStripContentLength(DirectionState d) => d.BodyMode switch
    {
        ProcessingMode.Types.BodySendMode.Streamed => true,
        ProcessingMode.Types.BodySendMode.FullDuplexStreamed => true,
        ProcessingMode.Types.BodySendMode.BufferedPartial => true,
        ProcessingMode.Types.BodySendMode.Buffered => !d.SendHeaders,
        _ => false,
    };
}
