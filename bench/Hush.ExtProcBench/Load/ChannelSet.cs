using System.Net.Http;
using Envoy.Service.ExtProc.V3;
using Grpc.Net.Client;
using Hush.ExtProcBench.H2;

namespace Hush.ExtProcBench.Load;

/// <summary>
/// A fixed number of h2c connections to one server, each a <see cref="GrpcChannel"/> over its own
/// <see cref="SocketsHttpHandler"/> that never opens a second connection: like Envoy, which multiplexes all
/// ext_proc streams of a worker thread over one HTTP/2 connection. With <c>--client h2</c> the load streams run
/// over the lean <see cref="H2Connection"/>s instead (idle streams always use the gRPC channels).
/// </summary>
internal sealed class ChannelSet : IDisposable
{
    private readonly GrpcChannel[] _channels;
    private readonly int _port;
    private readonly bool _lean;
    private readonly TimeProvider _time;
    private readonly List<H2Connection> _leanConnections = [];

    /// <summary>Creates <paramref name="connections"/> channels to <c>http://127.0.0.1:port</c> (HTTP/2 prior knowledge).</summary>
    public ChannelSet(int port, int connections, bool lean, TimeProvider time)
    {
        _port = port;
        _lean = lean;
        _time = time;
        _channels = new GrpcChannel[connections];
        Drivers = new IProcessClient[connections];
        Clients = new ExternalProcessor.ExternalProcessorClient[connections];
        for (var i = 0; i < connections; i++)
        {
            var handler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = false,
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                ConnectTimeout = TimeSpan.FromSeconds(10),
            };
            _channels[i] = GrpcChannel.ForAddress($"http://127.0.0.1:{port}", new GrpcChannelOptions
            {
                HttpHandler = handler,
                DisposeHttpClient = true,
                MaxReceiveMessageSize = 16 * 1024 * 1024,
            });
            Clients[i] = new ExternalProcessor.ExternalProcessorClient(_channels[i]);
            Drivers[i] = new GrpcProcessClient(Clients[i], time);
        }
    }

    /// <summary>The clients load streams use: stream <c>i</c> uses <c>i % Count</c>.</summary>
    public IProcessClient[] Drivers { get; }

    /// <summary>One client per connection; stream <c>i</c> uses client <c>i % Count</c>.</summary>
    public ExternalProcessor.ExternalProcessorClient[] Clients { get; }

    /// <summary>Opens every connection now, so connection set-up is not part of any measurement.</summary>
    public async Task ConnectAsync(CancellationToken cancel)
    {
        foreach (var channel in _channels)
        {
            await channel.ConnectAsync(cancel).WaitAsync(TimeSpan.FromSeconds(30), cancel).ConfigureAwait(false);
        }

        for (var i = 0; _lean && i < Drivers.Length; i++)
        {
            var connection = await H2Connection.ConnectAsync(_port, _time, cancel).ConfigureAwait(false);
            _leanConnections.Add(connection);
            Drivers[i] = connection;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        foreach (var connection in _leanConnections)
        {
            connection.Dispose();
        }
    }
}
