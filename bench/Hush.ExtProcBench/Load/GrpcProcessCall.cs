using Envoy.Service.ExtProc.V3;
using Grpc.Core;

namespace Hush.ExtProcBench.Load;

/// <summary>
/// A Grpc.Net.Client duplex call. An answer's arrival is timed when the client hands it over, after the HTTP/2 read
/// loop and the call's reader have each run on the thread pool.
/// </summary>
internal sealed class GrpcProcessCall(AsyncDuplexStreamingCall<ProcessingRequest, ProcessingResponse> call, TimeProvider time) : IProcessCall
{
    /// <inheritdoc />
    public ProcessingResponse Current => call.ResponseStream.Current;

    /// <inheritdoc />
    public long ArrivedAt { get; private set; }

    /// <inheritdoc />
    public ValueTask WriteAsync(ProcessingRequest message, CancellationToken cancel) =>
        new(call.RequestStream.WriteAsync(message, cancel));

    /// <inheritdoc />
    public async ValueTask<bool> MoveNextAsync(CancellationToken cancel)
    {
        var more = await call.ResponseStream.MoveNext(cancel).ConfigureAwait(false);
        ArrivedAt = time.GetTimestamp();
        return more;
    }

    /// <inheritdoc />
    public void Dispose() => call.Dispose();
}
