using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Envoy.Service.ExtProc.V3;

namespace Hush.EnvoyEmulator.Filter;

/// <summary>Body and trailers answers per body mode (§2.3 "What each answer does").</summary>
public sealed partial class ExtProcFilter
{
    private void OnBodyAnswer(DirectionState d, CommonResponse? common)
    {
        common ??= new CommonResponse();
        var mutation = common.BodyMutation;
        var isStreamedResponse = mutation?.MutationCase == BodyMutation.MutationOneofCase.StreamedResponse;
        if (d.BodyMode == ProcessingMode.Types.BodySendMode.FullDuplexStreamed)
        {
            OnFullDuplexBodyAnswer(d, mutation);
            return;
        }

        if (isStreamedResponse)
        {
            OnSpurious("streamed_response_outside_full_duplex");
            return;
        }

        switch (d.Callback)
        {
            case CallbackState.StreamedBodyCallback when d.Outstanding.Count > 0:
                OnStreamedChunkAnswer(d, mutation);
                break;
            case CallbackState.BufferedBodyCallback:
            case CallbackState.BufferedPartialBodyCallback:
                OnWholeBodyAnswer(d, common);
                break;
            default:
                OnSpurious("unexpected_body_response");
                break;
        }
    }

    private void OnStreamedChunkAnswer(DirectionState d, BodyMutation? mutation)
    {
        // The timer stops on every answer, even with further chunks outstanding (§2.5).
        StopTimer(d);
        var chunk = d.Outstanding.Dequeue();
        d.QueuedBytes -= chunk.Data.Length;
        var released = MutateBody(chunk.Data, mutation);
        if (d.Outstanding.Count == 0)
        {
            d.Callback = CallbackState.Idle;
        }

        ForwardData(d, released, chunk.EndOfStream);
        ContinueWithTrailers(d);
    }

    private void OnWholeBodyAnswer(DirectionState d, CommonResponse common)
    {
        StopTimer(d);
        var partial = d.Callback == CallbackState.BufferedPartialBodyCallback;
        var original = d.SentBody ?? [];
        var mutation = common.BodyMutation;
        if (d.HeldHeaders is not null)
        {
            var error = HeaderMutator.Apply(d.HeldHeaders, common.HeaderMutation, _config, _counters, replacing: false, isTrailers: false);
            if (error is not null)
            {
                FailClosed(_config.StatusOnError, Sanitize(error));
                return;
            }

            if (ShouldStripContentLength(d))
            {
                d.HeldHeaders.Remove("content-length");
            }
            else if (mutation is not null && mutation.MutationCase != BodyMutation.MutationOneofCase.None)
            {
                var newLength = mutation.MutationCase == BodyMutation.MutationOneofCase.Body ? mutation.Body.Length : 0;
                var contentLength = d.HeldHeaders.Get("content-length");
                if (contentLength is not null && (!long.TryParse(contentLength, out var declared) || declared != newLength))
                {
                    FailClosed(_config.StatusOnError, "mismatch_between_content_length_and_the_length_of_the_mutated_body");
                    return;
                }
            }
        }

        var body = MutateBody(original, mutation);
        d.SentBody = null;
        d.Callback = CallbackState.Idle;
        if (d.HeldHeaders is not null)
        {
            ForwardHeaders(d, d.HeldHeaders, endOfStream: false);
        }

        ForwardData(d, body, d.SentBodyEndOfStream);
        if (partial)
        {
            // After the one BUFFERED_PARTIAL exchange the rest of the body flows unprocessed.
            d.BodyMode = ProcessingMode.Types.BodySendMode.None;
            if (d.PendingHasData)
            {
                ForwardData(d, d.TakePending(), endOfStream: d.BodyComplete && !d.TrailersArrived);
            }
        }

        ContinueWithTrailers(d);
    }

    private void OnFullDuplexBodyAnswer(DirectionState d, BodyMutation? mutation)
    {
        if (!d.HeadersAnswered || d.FdsFinished || mutation?.MutationCase != BodyMutation.MutationOneofCase.StreamedResponse)
        {
            OnSpurious("unexpected_full_duplex_body_response");
            return;
        }

        var streamed = mutation.StreamedResponse;
        if (streamed.EndOfStream)
        {
            d.FdsFinished = true;
            d.Callback = CallbackState.Idle;
        }

        ForwardData(d, streamed.Body.ToByteArray(), streamed.EndOfStream);
    }

    private void OnTrailersAnswer(DirectionState d, HeaderMutation? mutation)
    {
        var fds = d.BodyMode == ProcessingMode.Types.BodySendMode.FullDuplexStreamed;
        var expected = fds
            ? d.TrailersSent && d.HeadersAnswered && !d.FdsFinished
            : d.Callback == CallbackState.TrailersCallback;
        if (!expected || d.HeldTrailers is null)
        {
            OnSpurious("unexpected_trailers_response");
            return;
        }

        StopTimer(d);
        var trailers = d.HeldTrailers;
        var error = HeaderMutator.Apply(trailers, mutation, _config, _counters, replacing: false, isTrailers: true);
        if (error is not null)
        {
            FailClosed(_config.StatusOnError, Sanitize(error));
            return;
        }

        d.FdsFinished = fds;
        d.Callback = CallbackState.Idle;
        ForwardTrailers(d, trailers);
    }

    private static byte[] MutateBody(byte[] original, BodyMutation? mutation) => mutation?.MutationCase switch
    {
        BodyMutation.MutationOneofCase.Body => mutation.Body.ToByteArray(),
        BodyMutation.MutationOneofCase.ClearBodyFlag => mutation.ClearBodyFlag ? [] : original,
        _ => original,
    };
}
