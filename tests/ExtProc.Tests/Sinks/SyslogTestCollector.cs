using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Hush.ExtProc.Tests.Sinks;

/// <summary>
/// A syslog collector on a 127.0.0.1 TCP port that splits RFC 6587 octet-counted frames (<c>LEN SP MSG</c>) and keeps
/// every message. Stopping closes the listener and every accepted connection (a collector crash).
/// </summary>
internal sealed class SyslogTestCollector : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _messages = new();
    private readonly ConcurrentBag<TcpClient> _clients = [];
    private readonly List<Task> _readers = [];
    private readonly Task _accept;
    private int _connections;

    private SyslogTestCollector(int port)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        // Rebinding the port of a stopped collector must not wait for TIME_WAIT.
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accept = AcceptAsync();
    }

    /// <summary>The listening port.</summary>
    public int Port { get; }

    /// <summary>Connections accepted.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Messages received (frame payloads), in order.</summary>
    public IReadOnlyList<string> Messages => [.. _messages];

    /// <summary>Starts a collector on <paramref name="port"/> (0 = ephemeral).</summary>
    public static SyslogTestCollector Start(int port = 0) => new(port);

    /// <summary>Waits until at least <paramref name="count"/> messages arrived.</summary>
    public async Task WaitForAsync(int count, int timeoutSeconds = 20)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        while (_messages.Count < count)
        {
            await Task.Delay(20, cts.Token);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await Task.WhenAll([_accept, .. _readers]).WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                _clients.Add(client);
                lock (_readers)
                {
                    _readers.Add(ReadAsync(client));
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task ReadAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            var one = new byte[1];
            while (true)
            {
                var length = 0;
                while (true)
                {
                    if (await stream.ReadAsync(one, _stop.Token) == 0)
                    {
                        return;
                    }

                    if (one[0] == (byte)' ')
                    {
                        break;
                    }

                    Assert.InRange(one[0], (byte)'0', (byte)'9');
                    length = checked((length * 10) + (one[0] - '0'));
                }

                var message = new byte[length];
                await stream.ReadExactlyAsync(message, _stop.Token);
                _messages.Enqueue(Encoding.UTF8.GetString(message));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or EndOfStreamException)
        {
            // Connection closed.
        }
    }
}
