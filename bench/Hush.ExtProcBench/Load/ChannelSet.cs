using System.Net.Http;
using Envoy.Service.ExtProc.V3;
using Grpc.Net.Client;

namespace Hush.ExtProcBench.Load;

/// <summary>
/// A fixed number of h2c connections to one server, each a <see cref="GrpcChannel"/> over its own
/// <see cref="SocketsHttpHandler"/> that never opens a second connection: like Envoy, which multiplexes all
/// ext_proc streams of a worker thread over one HTTP/2 connection.
/// </summary>
internal sealed class ChannelSet : IDisposable
{
    private readonly GrpcChannel[] _channels;

    /// <summary>Creates <paramref name="connections"/> channels to <c>http://127.0.0.1:port</c> (HTTP/2 prior knowledge).</summary>
    public ChannelSet(int port, int connections)
    {
        _channels = new GrpcChannel[connections];
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
        }
    }

    /// <summary>One client per connection; stream <c>i</c> uses client <c>i % Count</c>.</summary>
    public ExternalProcessor.ExternalProcessorClient[] Clients { get; }

    /// <summary>Opens every connection now, so connection set-up is not part of any measurement.</summary>
    public async Task ConnectAsync(CancellationToken cancel)
    {
        foreach (var channel in _channels)
        {
            await channel.ConnectAsync(cancel).WaitAsync(TimeSpan.FromSeconds(30), cancel).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
    }
}
