using Envoy.Service.ExtProc.V3;
using Grpc.Core;

namespace Hush.ExtProc.Service;

/// <summary>
/// Stands in for the generated <c>ExternalProcessor.ExternalProcessorBase</c>: Grpc.AspNetCore binds the methods of
/// the base type that carries <see cref="BindServiceMethodAttribute"/>, and this one binds <c>Process</c> through
/// <see cref="ProcessMethod"/> (requests read into pooled objects) instead of the generated marshallers.
/// </summary>
[BindServiceMethod(typeof(ProcessMethod), nameof(ProcessMethod.Bind))]
internal abstract class PooledProcessorBase
{
    /// <summary>Runs one ext_proc stream.</summary>
    public abstract Task Process(IAsyncStreamReader<ProcessingRequest> requestStream,
        IServerStreamWriter<ProcessingResponse> responseStream, ServerCallContext context);
}
