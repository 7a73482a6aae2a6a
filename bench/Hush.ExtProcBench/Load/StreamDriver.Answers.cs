using Envoy.Service.ExtProc.V3;
using Grpc.Core;

namespace Hush.ExtProcBench.Load;

/// <summary>The receiving side of a stream: pairs answers with messages FIFO, checks them and times them.</summary>
internal sealed partial class StreamDriver
{
    /// <summary>Reads answers until the one for the end_of_stream chunk (true) or a failure (false).</summary>
    private async Task<bool> ReadAnswersAsync(IProcessCall answers, SseScript script, CancellationToken abort)
    {
        var counters = _context.Counters;
        var frequency = _context.Time.TimestampFrequency;
        try
        {
            while (await answers.MoveNextAsync(abort).ConfigureAwait(false))
            {
                var now = answers.ArrivedAt;
                if (_head == Volatile.Read(ref _tail))
                {
                    // An answer nothing was sent for (Envoy treats it as spurious and fails the stream).
                    counters.ProtocolViolation();
                    return false;
                }

                var slot = _head % _capacity;
                var chunk = _pendingChunk[slot];
                var final = _pendingFinal[slot];
                var sentAt = _sentAt[slot];
                _head++;
                var answer = answers.Current;
                if (chunk < 0)
                {
                    var expected = chunk == RequestHeadersSlot
                        ? ProcessingResponse.ResponseOneofCase.RequestHeaders
                        : ProcessingResponse.ResponseOneofCase.ResponseHeaders;
                    if (answer.ResponseCase != expected)
                    {
                        counters.ProtocolViolation();
                        return false;
                    }

                    counters.HeadersAnswered();
                    _headersAnswered.Release();
                    continue;
                }

                if (answer.ResponseCase != ProcessingResponse.ResponseOneofCase.ResponseBody)
                {
                    counters.ProtocolViolation();
                    return false;
                }

                counters.ChunkAnswered(now - sentAt, frequency, chunk == 0);
                Verify(answer.ResponseBody.Response, script, chunk);
                _window.Release();
                if (final)
                {
                    return true;
                }
            }

            return false;
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            return false;
        }
    }

    private void Verify(CommonResponse? response, SseScript script, int chunk)
    {
        var counters = _context.Counters;
        var mutation = response?.BodyMutation;
        if (_context.Kind == ProcessorKind.PassThrough)
        {
            if (response is not null
                && (response.Status != CommonResponse.Types.ResponseStatus.Continue || mutation is not null || response.HeaderMutation is not null))
            {
                counters.PassThroughViolation();
            }

            return;
        }

        ReadOnlySpan<byte> released;
        switch (mutation?.MutationCase ?? BodyMutation.MutationOneofCase.None)
        {
            case BodyMutation.MutationOneofCase.None:
                released = script.Bodies[chunk].Span;
                break;
            case BodyMutation.MutationOneofCase.Body:
                released = mutation!.Body.Span;
                break;
            case BodyMutation.MutationOneofCase.ClearBodyFlag:
                released = [];
                break;
            default:
                // streamed_response is only valid in FULL_DUPLEX_STREAMED; Envoy would fail the stream.
                counters.ProtocolViolation();
                return;
        }

        var leaks = _scanner.Scan(released);
        for (var i = 0; i < leaks; i++)
        {
            counters.Leak();
        }
    }
}
