using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Envoy.Service.ExtProc.V3;

namespace Hush.EnvoyEmulator.Filter;

/// <summary>Server answers, dispatched by oneof type to their direction, FIFO within a direction (§2.3).</summary>
public sealed partial class ExtProcFilter
{
    private void OnResponse(ProcessingResponse response)
    {
        _counters.IncStreamMsgsReceived();
        _transcript.AddReceived(response);
        if (_ended || _abandoned)
        {
            // Messages after processing is complete (e.g. after an immediate response) are ignored.
            return;
        }

        if (response.OverrideMessageTimeout is not null)
        {
            // Consumed only as a timer extension: every other field of this message is ignored (§2.5).
            OnOverrideMessageTimeout(response.OverrideMessageTimeout.ToTimeSpan());
            return;
        }

        ApplyDynamicMetadata(response);
        switch (response.ResponseCase)
        {
            case ProcessingResponse.ResponseOneofCase.RequestHeaders:
                OnHeadersAnswer(_request, response.RequestHeaders.Response, response.ModeOverride);
                break;
            case ProcessingResponse.ResponseOneofCase.ResponseHeaders:
                OnHeadersAnswer(_response, response.ResponseHeaders.Response, response.ModeOverride);
                break;
            case ProcessingResponse.ResponseOneofCase.RequestBody:
                OnBodyAnswer(_request, response.RequestBody.Response);
                break;
            case ProcessingResponse.ResponseOneofCase.ResponseBody:
                OnBodyAnswer(_response, response.ResponseBody.Response);
                break;
            case ProcessingResponse.ResponseOneofCase.RequestTrailers:
                OnTrailersAnswer(_request, response.RequestTrailers.HeaderMutation);
                break;
            case ProcessingResponse.ResponseOneofCase.ResponseTrailers:
                OnTrailersAnswer(_response, response.ResponseTrailers.HeaderMutation);
                break;
            case ProcessingResponse.ResponseOneofCase.ImmediateResponse:
                OnImmediateResponse(response.ImmediateResponse);
                break;
            default:
                // No oneof set, or streamed_immediate_response (not emulated): spurious.
                OnSpurious("no_supported_response_set");
                break;
        }
    }

    private void OnHeadersAnswer(DirectionState d, CommonResponse? common, ProcessingMode? modeOverride)
    {
        if (d.Callback != CallbackState.HeadersCallback || d.HeldHeaders is null)
        {
            OnSpurious("unexpected_headers_response");
            return;
        }

        StopTimer(d);
        if (modeOverride is not null)
        {
            ApplyModeOverride(modeOverride);
        }

        common ??= new CommonResponse();
        var headers = d.HeldHeaders;
        var replacing = common.Status == CommonResponse.Types.ResponseStatus.ContinueAndReplace;
        var error = HeaderMutator.Apply(headers, common.HeaderMutation, _config, _counters, replacing, isTrailers: false);
        if (error is not null)
        {
            FailClosed(_config.StatusOnError, Sanitize(error));
            return;
        }

        d.HeadersAnswered = true;
        d.Callback = CallbackState.Idle;
        if (replacing)
        {
            ContinueAndReplace(d, headers, common.BodyMutation);
            return;
        }

        if (d.HeadersEndOfStream)
        {
            ForwardHeaders(d, headers, endOfStream: true);
            return;
        }

        if (ShouldStripContentLength(d))
        {
            headers.Remove("content-length");
        }

        switch (d.BodyMode)
        {
            case ProcessingMode.Types.BodySendMode.Streamed:
                ContinueStreamedAfterHeaders(d, headers);
                break;
            case ProcessingMode.Types.BodySendMode.FullDuplexStreamed:
                ForwardHeaders(d, headers, endOfStream: false);
                d.Callback = CallbackState.StreamedBodyCallback;
                break;
            case ProcessingMode.Types.BodySendMode.Buffered:
                if (d.BodyComplete && d.PendingHasData)
                {
                    SendWholeBody(d, CallbackState.BufferedBodyCallback, endOfStream: !d.TrailersArrived);
                }
                else if (d.BodyComplete)
                {
                    ContinueWithTrailers(d);
                }

                // Otherwise the headers stay held while the body is buffered.
                break;
            case ProcessingMode.Types.BodySendMode.BufferedPartial:
                if (d.PendingHasData && (d.BodyComplete || d.Pending.WrittenCount >= _config.BufferLimitBytes))
                {
                    SendWholeBody(d, CallbackState.BufferedPartialBodyCallback, endOfStream: d.BodyComplete && !d.TrailersArrived);
                }
                else if (d.BodyComplete)
                {
                    ContinueWithTrailers(d);
                }

                break;
            default:
                ForwardHeaders(d, headers, endOfStream: false);
                if (d.PendingHasData)
                {
                    ForwardData(d, d.TakePending(), endOfStream: d.BodyComplete && !d.TrailersArrived);
                }

                ContinueWithTrailers(d);
                break;
        }
    }

    private void ContinueStreamedAfterHeaders(DirectionState d, HttpHeaderList headers)
    {
        if (d.SentBodyEarly)
        {
            // send_body_without_waiting: the chunks are already out; their answers may follow now.
            ForwardHeaders(d, headers, endOfStream: false);
            d.Callback = d.Outstanding.Count > 0 ? CallbackState.StreamedBodyCallback : CallbackState.Idle;
            ContinueWithTrailers(d);
            return;
        }

        if (d.BodyComplete && d.PendingHasData)
        {
            // The complete body came before the headers answer: one message, BUFFERED semantics, headers held.
            SendWholeBody(d, CallbackState.BufferedBodyCallback, endOfStream: !d.TrailersArrived);
            return;
        }

        ForwardHeaders(d, headers, endOfStream: false);
        if (d.PendingHasData)
        {
            var coalesced = d.TakePending();
            EnqueueStreamedChunk(d, coalesced, endOfStream: false, CallbackState.StreamedBodyCallback);
            return;
        }

        ContinueWithTrailers(d);
    }

    private void ContinueAndReplace(DirectionState d, HttpHeaderList headers, BodyMutation? mutation)
    {
        // No further messages in this direction, whatever the mutation (§2.3).
        d.SendTrailers = false;
        d.BodyMode = ProcessingMode.Types.BodySendMode.None;
        if (mutation is not null && mutation.MutationCase is BodyMutation.MutationOneofCase.Body or BodyMutation.MutationOneofCase.ClearBodyFlag)
        {
            headers.Remove("content-length");
            var body = mutation.MutationCase == BodyMutation.MutationOneofCase.Body ? mutation.Body.ToByteArray() : [];
            d.DrainBody = true;
            if (d.PendingHasData)
            {
                d.TakePending();
            }

            d.HeldTrailers = null;
            ForwardHeaders(d, headers, endOfStream: false);
            ForwardData(d, body, endOfStream: true);
            return;
        }

        ForwardHeaders(d, headers, d.HeadersEndOfStream);
        if (d.PendingHasData)
        {
            ForwardData(d, d.TakePending(), endOfStream: d.BodyComplete && !d.TrailersArrived);
        }

        if (d.HeldTrailers is not null)
        {
            ForwardTrailers(d, d.HeldTrailers);
        }
    }

    private void ApplyModeOverride(ProcessingMode mode)
    {
        var configured = _config.ProcessingMode;
        if (!_config.AllowModeOverride
            || _config.SendBodyWithoutWaitingForHeaderResponse
            || configured.RequestBodyMode == ProcessingMode.Types.BodySendMode.FullDuplexStreamed
            || configured.ResponseBodyMode == ProcessingMode.Types.BodySendMode.FullDuplexStreamed)
        {
            return;
        }

        if (_config.AllowedOverrideModes.Count > 0)
        {
            var allowed = false;
            foreach (var candidate in _config.AllowedOverrideModes)
            {
                // request_header_mode is not compared (it is meaningless in an override).
                allowed |= candidate.RequestBodyMode == mode.RequestBodyMode
                    && candidate.ResponseBodyMode == mode.ResponseBodyMode
                    && candidate.ResponseHeaderMode == mode.ResponseHeaderMode
                    && candidate.RequestTrailerMode == mode.RequestTrailerMode
                    && candidate.ResponseTrailerMode == mode.ResponseTrailerMode;
            }

            if (!allowed)
            {
                return;
            }
        }

        _request.ApplyModes(mode, isOverride: true);
        _response.ApplyModes(mode, isOverride: true);
    }
}
