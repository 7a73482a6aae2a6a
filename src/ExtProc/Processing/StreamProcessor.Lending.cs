using System.Buffers;
using Envoy.Service.ExtProc.V3;
using Google.Protobuf;

namespace Hush.ExtProc.Processing;

/// <summary>
/// Bodies of streamed answers in pooled buffers, and the answer messages of body chunks reused from one chunk to the
/// next. Nearly every chunk of an SSE answer cut at random points is answered with a body (the complete events
/// released so far), so copying each into a fresh array was most of the garbage a masked message made beyond
/// pass-through's; the four messages of each answer (response, body response, common response, body mutation) came
/// next, about 190 B per chunk.
/// </summary>
/// <remarks>
/// A lent body, and an answer the processor built for a body chunk, stay valid until <see cref="AnswersSent"/>: the
/// service loop calls it once the answers are written, and gRPC serialises a message inside the write, so nothing
/// reads them after that. A caller that keeps answers (tests, tools) simply never calls it, and nothing is reused.
/// Answers withheld for a hold are not in the list the last call returned, so they are never reused.
/// </remarks>
internal sealed partial class StreamProcessor
{
    private const int MaxSpareAnswers = 4;
    private readonly List<byte[]> _lent = [];
    private readonly List<ProcessingResponse> _builtThisCall = [];
    private readonly Stack<ProcessingResponse> _spareAnswers = new(MaxSpareAnswers);

    /// <summary>
    /// Tells the processor that every answer it returned so far has been written: the pooled buffers their bodies
    /// point into go back to the pool, and the last call's body-chunk answers may answer later chunks. Call it only
    /// once those answers will never be read again.
    /// </summary>
    public void AnswersSent()
    {
        foreach (var buffer in _lent)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _lent.Clear();
        foreach (var answer in _builtThisCall)
        {
            // Only answers that were handed out and written; a withheld one left the list and lives on.
            if (_spareAnswers.Count < MaxSpareAnswers && Returned(answer) && Pristine(answer))
            {
                _spareAnswers.Push(answer);
            }
        }

        _builtThisCall.Clear();
    }

    /// <summary>
    /// The answer to a STREAMED or BUFFERED body chunk: CONTINUE, with <paramref name="body"/> as the new body unless it
    /// is null (unchanged). Reuses an answer already written when there is one.
    /// </summary>
    private ProcessingResponse ReusedBodyAnswer(TrafficDirection direction, ByteString? body)
    {
        ProcessingResponse answer;
        BodyResponse response;
        if (_spareAnswers.TryPop(out var spare))
        {
            answer = spare;
            response = spare.ResponseCase == ProcessingResponse.ResponseOneofCase.RequestBody ? spare.RequestBody : spare.ResponseBody;
        }
        else
        {
            answer = new ProcessingResponse();
            response = new BodyResponse { Response = new CommonResponse() };
        }

        var common = response.Response;
        if (body is null)
        {
            common.BodyMutation = null;
        }
        else
        {
            (common.BodyMutation ??= new BodyMutation()).Body = body;
        }

        if (direction == TrafficDirection.Request)
        {
            answer.RequestBody = response;
        }
        else
        {
            answer.ResponseBody = response;
        }

        _builtThisCall.Add(answer);
        return answer;
    }

    // By reference: messages compare by value, and a withheld answer may equal one that was written.
    private bool Returned(ProcessingResponse answer)
    {
        foreach (var returned in _answers)
        {
            if (ReferenceEquals(returned, answer))
            {
                return true;
            }
        }

        return false;
    }

    // Written exactly as ReusedBodyAnswer built it: nothing (a hold, identity metadata) added to it since.
    private static bool Pristine(ProcessingResponse answer)
    {
        var response = answer.ResponseCase switch
        {
            ProcessingResponse.ResponseOneofCase.RequestBody => answer.RequestBody,
            ProcessingResponse.ResponseOneofCase.ResponseBody => answer.ResponseBody,
            _ => null,
        };
        return response?.Response is { HeaderMutation: null, Trailers: null, ClearRouteCache: false } common
            && common.Status == CommonResponse.Types.ResponseStatus.Continue
            && common.BodyMutation?.MutationCase is null or BodyMutation.MutationOneofCase.Body
            && answer.DynamicMetadata is null && answer.ModeOverride is null && answer.OverrideMessageTimeout is null;
    }

    /// <summary>Gives <paramref name="answer"/>'s body (if any) storage of its own, so it stays valid after <see cref="AnswersSent"/>.</summary>
    private static void Own(ProcessingResponse answer)
    {
        var common = answer.ResponseCase switch
        {
            ProcessingResponse.ResponseOneofCase.RequestBody => answer.RequestBody.Response,
            ProcessingResponse.ResponseOneofCase.ResponseBody => answer.ResponseBody.Response,
            _ => null,
        };
        var mutation = common?.BodyMutation;
        if (mutation is null)
        {
            return;
        }

        if (mutation.MutationCase == BodyMutation.MutationOneofCase.Body)
        {
            mutation.Body = ByteString.CopyFrom(mutation.Body.Span);
        }
        else if (mutation.MutationCase == BodyMutation.MutationOneofCase.StreamedResponse)
        {
            mutation.StreamedResponse.Body = ByteString.CopyFrom(mutation.StreamedResponse.Body.Span);
        }
    }

    /// <summary>An answer body holding a pooled copy of <paramref name="bytes"/>, valid until <see cref="AnswersSent"/>.</summary>
    private ByteString Lend(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return ByteString.Empty;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(bytes.Length);
        bytes.CopyTo(buffer);
        _lent.Add(buffer);
        return UnsafeByteOperations.UnsafeWrap(buffer.AsMemory(0, bytes.Length));
    }
}
