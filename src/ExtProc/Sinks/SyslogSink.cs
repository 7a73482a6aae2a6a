using System.Buffers;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Hush.ExtProc.Audit;

namespace Hush.ExtProc.Sinks;

/// <summary>
/// Sends audit records to a syslog collector as RFC 5424 messages over TCP, framed by RFC 6587 octet counting
/// (<c>LEN SP MSG</c>), one connection kept open. A failed connect or write closes the connection and the whole batch
/// is sent again on a new one after a backoff. Plain syslog over TCP has no acknowledgement: records written just
/// before a collector dies can be lost or, after a resend, arrive twice (the <c>seq</c> and <c>hash</c> identify them).
/// </summary>
internal sealed class SyslogSink : QueuedAuditSink
{
    private readonly string _hostname;
    private readonly string _procId;
    private TcpClient? _client;
    private NetworkStream? _stream;

    /// <summary>Creates the sink; the connection is opened by the first delivery.</summary>
    public SyslogSink(SinkOptions options, SinkMetrics metrics, TimeProvider time, ILogger logger)
        : base(options, metrics, time, logger)
    {
        _hostname = string.IsNullOrWhiteSpace(options.Hostname) ? Environment.MachineName : options.Hostname;
        _procId = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The octet-counted frames of <paramref name="batch"/>, ready to write.</summary>
    public byte[] Frames(IReadOnlyList<AuditRecord> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var buffer = new ArrayBufferWriter<byte>(batch.Count * 1024);
        for (var i = 0; i < batch.Count; i++)
        {
            var message = SyslogFormatter.Message(batch[i], Options.Facility, _hostname, Options.AppName, _procId);
            var length = Encoding.UTF8.GetByteCount(message);
            var prefix = length.ToString(CultureInfo.InvariantCulture) + " ";
            Encoding.ASCII.GetBytes(prefix, buffer);
            Encoding.UTF8.GetBytes(message, buffer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <inheritdoc />
    protected override async Task DeliverAsync(IReadOnlyList<AuditRecord> batch, CancellationToken cancellationToken)
    {
        var frames = Frames(batch);
        using var timeout = new CancellationTokenSource(Options.Timeout, Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var stream = await ConnectedAsync(linked.Token).ConfigureAwait(false);
            await stream.WriteAsync(frames, linked.Token).ConfigureAwait(false);
            await stream.FlushAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            Disconnect();
            throw new SinkDeliveryException($"timed out after {Options.Timeout}", ex);
        }
        catch
        {
            Disconnect();
            throw;
        }
    }

    /// <inheritdoc />
    protected override ValueTask CloseAsync()
    {
        Disconnect();
        return ValueTask.CompletedTask;
    }

    private async Task<NetworkStream> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (_client is not null && _stream is not null && !PeerClosed(_client.Client))
        {
            return _stream;
        }

        Disconnect();
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(Options.Host!, Options.Port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        _client = client;
        _stream = client.GetStream();
        Log.Connected(Logger, Name, $"{Options.Host}:{Options.Port}");
        return _stream;
    }

    /// <summary>
    /// True when the collector closed or reset the connection. A collector never sends, so a readable socket with no
    /// data means FIN or RST; checking before a write avoids losing a batch into a half-closed connection.
    /// </summary>
    private static bool PeerClosed(Socket socket)
    {
        try
        {
            return !socket.Connected || (socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0);
        }
        catch (SocketException)
        {
            return true;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    private void Disconnect()
    {
        _stream?.Dispose();
        _client?.Dispose();
        _stream = null;
        _client = null;
    }
}
