using System.Buffers.Binary;
using System.Net.Sockets;

namespace Hush.ExtProcBench.H2;

internal sealed partial class H2Connection
{
    private const int WindowUpdateEvery = 256 * 1024;

    /// <summary>The read thread: frames in order, answers timestamped as their last byte is read.</summary>
    private void ReadLoop()
    {
        var header = new byte[H2Frame.HeaderLength];
        var payload = new byte[H2Frame.MaxPayload];
        var unacknowledged = 0;
        try
        {
            while (true)
            {
                ReadExactly(header);
                var length = (header[0] << 16) | (header[1] << 8) | header[2];
                var type = header[3];
                var flags = header[4];
                var stream = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5)) & int.MaxValue;
                if (length > payload.Length)
                {
                    throw new IOException($"frame of {length} bytes over the {H2Frame.MaxPayload}-byte maximum");
                }

                var body = payload.AsSpan(0, length);
                ReadExactly(body);
                switch (type)
                {
                    case H2Frame.Data:
                        Find(stream)?.OnData(Unpad(body, flags), (flags & H2Frame.EndStream) != 0, _time.GetTimestamp());
                        unacknowledged += length;
                        if (unacknowledged >= WindowUpdateEvery)
                        {
                            SendWindowUpdate(unacknowledged);
                            unacknowledged = 0;
                        }

                        break;
                    case H2Frame.Headers:
                        // Response headers and trailers: only the end of the stream matters to the load generator.
                        if ((flags & H2Frame.EndStream) != 0)
                        {
                            Find(stream)?.OnEnd(null);
                        }

                        break;
                    case H2Frame.RstStream:
                        Find(stream)?.OnEnd(new IOException($"stream {stream} reset by the server (code {BinaryPrimitives.ReadInt32BigEndian(body)})"));
                        break;
                    case H2Frame.Settings:
                        if ((flags & H2Frame.Ack) == 0)
                        {
                            OnSettings(body);
                        }

                        break;
                    case H2Frame.Ping:
                        if ((flags & H2Frame.Ack) == 0)
                        {
                            SendControl(H2Frame.Ping, H2Frame.Ack, body);
                        }

                        break;
                    case H2Frame.GoAway:
                        throw new IOException("the server sent GOAWAY");
                    case H2Frame.WindowUpdate:
                        OnWindowUpdate(stream, BinaryPrimitives.ReadInt32BigEndian(body) & int.MaxValue);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // Every open call fails (a load generator counts them); closing lets a server that sent GOAWAY finish
            // its graceful shutdown instead of waiting for streams nobody will end.
            Fail(ex);
            _socket.Dispose();
        }
    }

    private void ReadExactly(Span<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var n = _socket.Receive(buffer);
            if (n == 0)
            {
                throw new IOException("the server closed the connection");
            }

            buffer = buffer[n..];
        }
    }

    private static ReadOnlySpan<byte> Unpad(ReadOnlySpan<byte> body, byte flags) =>
        (flags & H2Frame.Padded) == 0 ? body : body[1..^body[0]];

    private H2Call? Find(int stream)
    {
        lock (_calls)
        {
            return _calls.GetValueOrDefault(stream);
        }
    }

    private void OnSettings(ReadOnlySpan<byte> body)
    {
        lock (_writeLock)
        {
            for (var at = 0; at + 6 <= body.Length; at += 6)
            {
                var id = BinaryPrimitives.ReadUInt16BigEndian(body[at..]);
                var value = BinaryPrimitives.ReadInt32BigEndian(body[(at + 2)..]);
                if (id == 0x4)
                {
                    // A new initial window shifts the send window of every open stream by the difference.
                    var delta = value - _peerInitialWindow;
                    _peerInitialWindow = value;
                    lock (_calls)
                    {
                        foreach (var call in _calls.Values)
                        {
                            call.SendWindow += delta;
                        }
                    }
                }
            }

            Span<byte> ack = stackalloc byte[H2Frame.HeaderLength];
            H2Frame.WriteHeader(ack, 0, H2Frame.Settings, H2Frame.Ack, 0);
            SendRaw(ack);
            Monitor.PulseAll(_writeLock);
        }

        _settings.TrySetResult();
    }

    private void OnWindowUpdate(int stream, int increment)
    {
        lock (_writeLock)
        {
            if (stream == 0)
            {
                _sendWindow += increment;
            }
            else if (Find(stream) is { } call)
            {
                call.SendWindow += increment;
            }

            Monitor.PulseAll(_writeLock);
        }
    }

    private void SendWindowUpdate(int increment)
    {
        Span<byte> value = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(value, increment);
        SendControl(H2Frame.WindowUpdate, 0, value);
    }

    private void SendControl(byte type, byte flags, ReadOnlySpan<byte> body)
    {
        Span<byte> frame = stackalloc byte[H2Frame.HeaderLength + body.Length];
        H2Frame.WriteHeader(frame, body.Length, type, flags, 0);
        body.CopyTo(frame[H2Frame.HeaderLength..]);
        lock (_writeLock)
        {
            SendRaw(frame);
        }
    }

    private void Fail(Exception failure)
    {
        _failure ??= failure;
        List<H2Call> open;
        lock (_calls)
        {
            open = [.. _calls.Values];
            _calls.Clear();
        }

        foreach (var call in open)
        {
            call.OnEnd(new IOException("the HTTP/2 connection failed: " + failure.Message, failure));
        }

        lock (_writeLock)
        {
            Monitor.PulseAll(_writeLock);
        }

        _settings.TrySetException(failure);
    }
}
