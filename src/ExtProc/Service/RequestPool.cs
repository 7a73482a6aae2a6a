using System.Buffers;
using Envoy.Service.ExtProc.V3;
using Google.Protobuf;

namespace Hush.ExtProc.Service;

/// <summary>
/// Reuses the top-level <see cref="ProcessingRequest"/> objects the ext_proc method reads. Each new one costs about
/// 220 bytes before a single field is parsed (the object and the always-allocated <c>attributes</c> map), once per
/// body chunk; at thousands of chunks a second that garbage sets how often the collector stops the server.
/// </summary>
/// <remarks>
/// Safe because a request is read by the stream loop only: it is handed back once <c>Handle</c> has returned, and
/// nothing keeps the top-level object (answers may keep a body's <see cref="ByteString"/>, which is never reused:
/// <see cref="Reset"/> drops references, it does not clear the objects behind them).
/// </remarks>
internal sealed class RequestPool
{
    private const int Capacity = 4096;
    private readonly ProcessingRequest?[] _free = new ProcessingRequest?[Capacity];
    private readonly Lock _gate = new();
    private int _count;

    /// <summary>The pool <see cref="ProcessMethod"/> reads requests into.</summary>
    public static RequestPool Shared { get; } = new();

    /// <summary>Parses <paramref name="payload"/> into a pooled request (the same errors as the generated parser).</summary>
    public ProcessingRequest Read(ReadOnlySequence<byte> payload)
    {
        var message = Rent();
        try
        {
            message.MergeFrom(payload);
            return message;
        }
        catch
        {
            Return(message);
            throw;
        }
    }

    // A cleared request, reused when one is free.
    private ProcessingRequest Rent()
    {
        lock (_gate)
        {
            if (_count > 0)
            {
                var message = _free[--_count]!;
                _free[_count] = null;
                return message;
            }
        }

        return new ProcessingRequest();
    }

    /// <summary>
    /// Clears <paramref name="message"/> and keeps it for a later <see cref="Read"/>; dropped when the pool is full or
    /// when it carried fields this copy of the protos does not know (protobuf offers no way to clear those).
    /// </summary>
    public void Return(ProcessingRequest message)
    {
        if (!Reset(message))
        {
            return;
        }

        lock (_gate)
        {
            if (_count < Capacity)
            {
                _free[_count++] = message;
            }
        }
    }

    /// <summary>
    /// Sets every known field of <paramref name="message"/> back to its default; false when something is left (unknown
    /// fields), so the object must not be reused.
    /// </summary>
    internal static bool Reset(ProcessingRequest message)
    {
        message.ClearRequest();
        message.MetadataContext = null;
        message.Attributes.Clear();
        message.ObservabilityMode = false;
        message.ProtocolConfig = null;
        return message.CalculateSize() == 0;
    }
}
