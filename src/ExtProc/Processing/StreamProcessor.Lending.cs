using System.Buffers;
using Envoy.Service.ExtProc.V3;
using Google.Protobuf;

namespace Hush.ExtProc.Processing;

/// <summary>
/// Bodies of streamed answers in pooled buffers. Nearly every chunk of an SSE answer cut at random points is answered
/// with a body (the complete events released so far), so copying each into a fresh array was most of the garbage a
/// masked message made beyond pass-through's.
/// </summary>
/// <remarks>
/// A lent body stays valid until <see cref="AnswersSent"/>: the service loop calls it once the answers are written,
/// and gRPC serialises a message inside the write, so nothing reads the buffer after that. A caller that keeps answers
/// (tests, tools) simply never calls it, and the buffers are left to the garbage collector.
/// </remarks>
internal sealed partial class StreamProcessor
{
    private readonly List<byte[]> _lent = [];

    /// <summary>
    /// Tells the processor that every answer it returned so far has been written: the pooled buffers their bodies
    /// point into go back to the pool. Call it only once those answers will never be read again.
    /// </summary>
    public void AnswersSent()
    {
        foreach (var buffer in _lent)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _lent.Clear();
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
