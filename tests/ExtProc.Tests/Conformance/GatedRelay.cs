using System.Net;
using System.Net.Sockets;

namespace Hush.ExtProc.Tests.Conformance;

/// <summary>
/// A TCP relay on 127.0.0.1:0 in front of the Hush gRPC port whose server-to-client direction can be paused. With
/// the answers held at the relay, a test can make the emulated Envoy send messages while earlier answers are
/// provably still outstanding (pipelining, data before the headers answer) without relying on timing.
/// </summary>
internal sealed class GatedRelay : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Uri _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _sockets = [];
    private readonly Lock _lock = new();
    private readonly Task _accepting;
    private TaskCompletionSource _open = NewGate(open: true);

    private GatedRelay(Uri target)
    {
        _target = target;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    /// <summary>Where clients connect (h2c passes through unchanged).</summary>
    public Uri Address { get; }

    /// <summary>Starts a relay to <paramref name="target"/> (http://127.0.0.1:port).</summary>
    public static GatedRelay Start(Uri target) => new(target);

    /// <summary>Holds every server-to-client byte from now on (already relayed bytes are not recalled).</summary>
    public void Pause()
    {
        lock (_lock)
        {
            if (_open.Task.IsCompleted)
            {
                _open = NewGate(open: false);
            }
        }
    }

    /// <summary>Lets held and further server-to-client bytes through.</summary>
    public void Resume()
    {
        lock (_lock)
        {
            _open.TrySetResult();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Resume();
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_lock)
        {
            foreach (var socket in _sockets)
            {
                socket.Dispose();
            }
        }

        try
        {
            await _accepting.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private static TaskCompletionSource NewGate(bool open)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open)
        {
            gate.SetResult();
        }

        return gate;
    }

    private Task Gate()
    {
        lock (_lock)
        {
            return _open.Task;
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var server = new TcpClient { NoDelay = true };
                client.NoDelay = true;
                lock (_lock)
                {
                    _sockets.Add(client);
                    _sockets.Add(server);
                }

                await server.ConnectAsync(_target.Host, _target.Port, _stop.Token);
                _ = PumpAsync(client, server, gated: false);
                _ = PumpAsync(server, client, gated: true);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Disposed: the relay stops accepting.
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to, bool gated)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var source = from.GetStream();
            var sink = to.GetStream();
            while (true)
            {
                var read = await source.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    to.Client.Shutdown(SocketShutdown.Send);
                    return;
                }

                if (gated)
                {
                    await Gate().WaitAsync(_stop.Token);
                }

                await sink.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Either side went away: close both so the other pump ends too.
            from.Dispose();
            to.Dispose();
        }
    }
}
