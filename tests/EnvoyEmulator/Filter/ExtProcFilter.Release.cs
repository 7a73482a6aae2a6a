using Envoy.Extensions.Filters.Http.ExtProc.V3;

namespace Hush.EnvoyEmulator.Filter;

/// <summary>Releasing traffic to the output, flow control, and completion bookkeeping.</summary>
public sealed partial class ExtProcFilter
{
    private void ForwardHeaders(DirectionState d, HttpHeaderList headers, bool endOfStream)
    {
        d.HeldHeaders = null;
        if (d.Complete)
        {
            return;
        }

        if (d.Direction == TrafficDirection.Request)
        {
            _output.OnUpstreamHeaders(headers, endOfStream);
        }
        else
        {
            _responseHeadersSent = true;
            _output.OnDownstreamHeaders(headers, endOfStream);
        }

        d.Complete = endOfStream;
    }

    private void ForwardData(DirectionState d, byte[] data, bool endOfStream)
    {
        if (d.Complete)
        {
            return;
        }

        if (d.Direction == TrafficDirection.Request)
        {
            _output.OnUpstreamData(data, endOfStream);
        }
        else
        {
            _output.OnDownstreamData(data, endOfStream);
        }

        d.Complete = endOfStream;
    }

    private void ForwardTrailers(DirectionState d, HttpHeaderList trailers)
    {
        d.HeldTrailers = null;
        if (d.Complete)
        {
            return;
        }

        if (d.Direction == TrafficDirection.Request)
        {
            _output.OnUpstreamTrailers(trailers);
        }
        else
        {
            _output.OnDownstreamTrailers(trailers);
        }

        d.Complete = true;
    }

    /// <summary>Envoy pauses reading (watermark) when a streamed direction holds more than the buffer limit.</summary>
    private void CompleteAfterFlowControl(DirectionState d, TaskCompletionSource done)
    {
        if (!_ended && !_abandoned && d.QueuedBytes > _config.BufferLimitBytes
            && d.BodyMode != ProcessingMode.Types.BodySendMode.Buffered)
        {
            d.WatermarkWaiters.Add(done);
            return;
        }

        done.TrySetResult();
    }

    private void CheckWaiters()
    {
        CheckWaiters(_request);
        CheckWaiters(_response);
        if (_ended || (_request.Complete && _response.Complete))
        {
            CloseSideStream();
            _completion.TrySetResult();
        }
    }

    private void CheckWaiters(DirectionState d)
    {
        var stopped = _ended || _abandoned;
        if (d.IdleWaiters.Count > 0 && (stopped || !d.IsWaiting))
        {
            foreach (var waiter in d.IdleWaiters)
            {
                waiter.TrySetResult();
            }

            d.IdleWaiters.Clear();
        }

        if (d.WatermarkWaiters.Count > 0 && (stopped || d.QueuedBytes <= _config.BufferLimitBytes / 2))
        {
            foreach (var waiter in d.WatermarkWaiters)
            {
                waiter.TrySetResult();
            }

            d.WatermarkWaiters.Clear();
        }
    }

    private void ReleaseAllWaiters()
    {
        _ended = true;
        CheckWaiters(_request);
        CheckWaiters(_response);
        CloseSideStream();
        _completion.TrySetResult();
    }
}
