using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Hush.ExtProcBench.Load;

namespace Hush.ExtProcBench.H2;

/// <summary>
/// A minimal h2c client connection for ext_proc load, shaped like Envoy's side: every write goes straight to the
/// socket from the caller's thread, and one thread reads the socket, parses frames and timestamps each answer the
/// moment its last byte is read, as Envoy's worker event loop would before releasing the chunk. It speaks just what
/// a gRPC duplex call needs: HEADERS (literal HPACK, no dynamic table; response headers are not decoded), DATA,
/// RST_STREAM, SETTINGS, PING, GOAWAY and flow control.
/// </summary>
/// <remarks>
/// The default client (Grpc.Net.Client) hands every frame to a write loop and every answer through two thread-pool
/// continuations; on this 2-vCPU machine each hand-off to a sleeping thread costs tens of microseconds, which the
/// latency figures would otherwise attribute to the ext_proc hop.
/// </remarks>
internal sealed partial class H2Connection : IProcessClient, IDisposable
{
    private const int ReceiveWindow = 16 * 1024 * 1024;
    private const int ConnectionWindowTarget = 1 << 30;

    private readonly Socket _socket;
    private readonly TimeProvider _time;
    private readonly string _authority;
    private readonly object _writeLock = new();
    private readonly Dictionary<int, H2Call> _calls = [];
    private readonly TaskCompletionSource _settings = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _reader;
    private byte[] _frame = new byte[H2Frame.HeaderLength + H2Frame.MaxPayload];
    private int _nextStream = 1;
    private long _sendWindow = 65_535;
    private int _peerInitialWindow = 65_535;
    private volatile Exception? _failure;

    private H2Connection(Socket socket, int port, TimeProvider time)
    {
        _socket = socket;
        _time = time;
        _authority = "127.0.0.1:" + port;
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "h2-read-" + port };
    }

    /// <summary>Connects to <c>127.0.0.1:<paramref name="port"/></c> and waits for the server's SETTINGS.</summary>
    public static async Task<H2Connection> ConnectAsync(int port, TimeProvider time, CancellationToken cancel)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancel).ConfigureAwait(false);
        var connection = new H2Connection(socket, port, time);
        connection.Start();
        await connection._settings.Task.WaitAsync(TimeSpan.FromSeconds(10), cancel).ConfigureAwait(false);
        return connection;
    }

    /// <inheritdoc />
    public IProcessCall Open(CancellationToken abort)
    {
        var block = new List<byte>(160);
        H2Frame.AppendLiteral(block, ":method", "POST");
        H2Frame.AppendLiteral(block, ":scheme", "http");
        H2Frame.AppendLiteral(block, ":path", "/envoy.service.ext_proc.v3.ExternalProcessor/Process");
        H2Frame.AppendLiteral(block, ":authority", _authority);
        H2Frame.AppendLiteral(block, "content-type", "application/grpc");
        H2Frame.AppendLiteral(block, "te", "trailers");
        lock (_writeLock)
        {
            ThrowIfFailed();
            var call = new H2Call(this, _nextStream, _peerInitialWindow, abort);
            _nextStream += 2;
            lock (_calls)
            {
                _calls.Add(call.Id, call);
            }

            H2Frame.WriteHeader(_frame, block.Count, H2Frame.Headers, H2Frame.EndHeaders, call.Id);
            block.CopyTo(_frame, H2Frame.HeaderLength);
            SendRaw(_frame.AsSpan(0, H2Frame.HeaderLength + block.Count));
            return call;
        }
    }

    /// <summary>Sends one gRPC message (5-byte prefix + payload) on <paramref name="call"/>, honouring both send windows.</summary>
    public void SendMessage(H2Call call, ReadOnlySpan<byte> message)
    {
        lock (_writeLock)
        {
            ThrowIfFailed();
            var deadline = Environment.TickCount64 + 30_000;
            while (_sendWindow < message.Length || call.SendWindow < message.Length)
            {
                // The server's WINDOW_UPDATE arrives on the read thread, which pulses this lock.
                if (!Monitor.Wait(_writeLock, TimeSpan.FromSeconds(1)) && Environment.TickCount64 > deadline)
                {
                    throw new TimeoutException($"HTTP/2 send window stayed closed for 30 s (connection {_sendWindow}, stream {call.SendWindow})");
                }

                ThrowIfFailed();
            }

            _sendWindow -= message.Length;
            call.SendWindow -= message.Length;
            var needed = message.Length + (message.Length / H2Frame.MaxPayload + 1) * H2Frame.HeaderLength;
            if (_frame.Length < needed)
            {
                _frame = new byte[needed];
            }

            var at = 0;
            var rest = message;
            do
            {
                var n = Math.Min(rest.Length, H2Frame.MaxPayload);
                H2Frame.WriteHeader(_frame.AsSpan(at), n, H2Frame.Data, 0, call.Id);
                rest[..n].CopyTo(_frame.AsSpan(at + H2Frame.HeaderLength));
                at += H2Frame.HeaderLength + n;
                rest = rest[n..];
            }
            while (!rest.IsEmpty);

            SendRaw(_frame.AsSpan(0, at));
        }
    }

    /// <summary>Resets <paramref name="call"/> (RST_STREAM CANCEL, as Envoy does when it is done with a side stream).</summary>
    public void Reset(H2Call call)
    {
        lock (_calls)
        {
            if (!_calls.Remove(call.Id))
            {
                return;
            }
        }

        Span<byte> frame = stackalloc byte[H2Frame.HeaderLength + 4];
        H2Frame.WriteHeader(frame, 4, H2Frame.RstStream, 0, call.Id);
        BinaryPrimitives.WriteInt32BigEndian(frame[H2Frame.HeaderLength..], 0x8);
        lock (_writeLock)
        {
            if (_failure is null)
            {
                SendRaw(frame);
            }
        }
    }

    /// <summary>Forgets a call the server already ended.</summary>
    public void Forget(H2Call call)
    {
        lock (_calls)
        {
            _calls.Remove(call.Id);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Fail(new ObjectDisposedException(nameof(H2Connection)));
        _socket.Dispose();
    }

    private void Start()
    {
        Span<byte> start = stackalloc byte[24 + H2Frame.HeaderLength + 12 + H2Frame.HeaderLength + 4];
        H2Frame.Preface.CopyTo(start);
        var at = 24;
        H2Frame.WriteHeader(start[at..], 12, H2Frame.Settings, 0, 0);
        at += H2Frame.HeaderLength;
        WriteSetting(start[at..], 0x2, 0);
        WriteSetting(start[(at + 6)..], 0x4, ReceiveWindow);
        at += 12;
        H2Frame.WriteHeader(start[at..], 4, H2Frame.WindowUpdate, 0, 0);
        BinaryPrimitives.WriteInt32BigEndian(start[(at + H2Frame.HeaderLength)..], ConnectionWindowTarget - 65_535);
        lock (_writeLock)
        {
            SendRaw(start);
        }

        _reader.Start();
    }

    private static void WriteSetting(Span<byte> destination, ushort id, int value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, id);
        BinaryPrimitives.WriteInt32BigEndian(destination[2..], value);
    }

    private void SendRaw(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            bytes = bytes[_socket.Send(bytes)..];
        }
    }

    private void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            throw new IOException("the HTTP/2 connection failed: " + failure.Message, failure);
        }
    }
}
