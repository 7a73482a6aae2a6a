using System.Buffers;
using System.Buffers.Binary;
using Envoy.Service.ExtProc.V3;
using Google.Protobuf;
using Hush.ExtProcBench.Load;

namespace Hush.ExtProcBench.H2;

/// <summary>One <c>Process</c> stream on an <see cref="H2Connection"/>: gRPC length-prefixed messages over DATA frames.</summary>
internal sealed class H2Call : IProcessCall
{
    private readonly H2Connection _connection;
    private readonly CancellationTokenRegistration _abort;
    private readonly AnswerQueue _answers = new();
    private byte[] _partial = new byte[1024];
    private int _partialLength;
    private int _ended;

    /// <summary>Creates stream <paramref name="id"/>; <paramref name="abort"/> resets it.</summary>
    public H2Call(H2Connection connection, int id, int sendWindow, CancellationToken abort)
    {
        _connection = connection;
        Id = id;
        SendWindow = sendWindow;
        _abort = abort.Register(static state => ((H2Call)state!).Dispose(), this);
    }

    /// <summary>The HTTP/2 stream id.</summary>
    public int Id { get; }

    /// <summary>Bytes this stream may still send (changed under the connection's write lock only).</summary>
    public long SendWindow { get; set; }

    /// <inheritdoc />
    public ProcessingResponse Current => _answers.Current;

    /// <inheritdoc />
    public long ArrivedAt => _answers.ArrivedAt;

    /// <inheritdoc />
    public ValueTask WriteAsync(ProcessingRequest message, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        var size = message.CalculateSize();
        var frame = ArrayPool<byte>.Shared.Rent(5 + size);
        try
        {
            frame[0] = 0;
            BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), size);
            message.WriteTo(frame.AsSpan(5, size));
            _connection.SendMessage(this, frame.AsSpan(0, 5 + size));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks><paramref name="cancel"/> is the token the call was opened with, whose cancellation already ends the queue.</remarks>
    public ValueTask<bool> MoveNextAsync(CancellationToken cancel) => _answers.MoveNextAsync();

    /// <summary>Read thread: appends DATA bytes and delivers every complete gRPC message, stamped <paramref name="at"/>.</summary>
    public void OnData(ReadOnlySpan<byte> data, bool endStream, long at)
    {
        if (_partial.Length < _partialLength + data.Length)
        {
            Array.Resize(ref _partial, Math.Max(_partial.Length * 2, _partialLength + data.Length));
        }

        data.CopyTo(_partial.AsSpan(_partialLength));
        _partialLength += data.Length;
        var consumed = 0;
        while (_partialLength - consumed >= 5)
        {
            var size = BinaryPrimitives.ReadInt32BigEndian(_partial.AsSpan(consumed + 1));
            if (_partialLength - consumed - 5 < size)
            {
                break;
            }

            var answer = ProcessingResponse.Parser.ParseFrom(_partial.AsSpan(consumed + 5, size));
            _answers.Add(answer, at);
            consumed += 5 + size;
        }

        _partial.AsSpan(consumed, _partialLength - consumed).CopyTo(_partial);
        _partialLength -= consumed;
        if (endStream)
        {
            OnEnd(null);
        }
    }

    /// <summary>The server ended the stream (trailers, END_STREAM or RST_STREAM), or the connection failed.</summary>
    public void OnEnd(Exception? failure)
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            _connection.Forget(this);
        }

        _answers.Complete(failure);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            _connection.Reset(this);
            _answers.Complete(new OperationCanceledException("the stream was reset by the client"));
        }

        _abort.Dispose();
    }
}
