using Envoy.Service.ExtProc.V3;

namespace Hush.ExtProcBench.Load;

/// <summary>Streams through Grpc.Net.Client (SocketsHttpHandler's HTTP/2): the default load generator client.</summary>
internal sealed class GrpcProcessClient(ExternalProcessor.ExternalProcessorClient client, TimeProvider time) : IProcessClient
{
    /// <inheritdoc />
    public IProcessCall Open(CancellationToken abort) => new GrpcProcessCall(client.Process(cancellationToken: abort), time);
}
