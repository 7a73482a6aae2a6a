using Envoy.Service.ExtProc.V3;
using Grpc.Core;

namespace Hush.ExtProc.Tests.EnvoyEmulator;

/// <summary>The gRPC service of <see cref="ScriptedExtProcServer"/>: hands each call to the script as a session.</summary>
internal sealed class ScriptedProcessor(Func<ExtProcSession, Task> script) : ExternalProcessor.ExternalProcessorBase
{
    public override Task Process(
        IAsyncStreamReader<ProcessingRequest> requestStream,
        IServerStreamWriter<ProcessingResponse> responseStream,
        ServerCallContext context) => script(new ExtProcSession(requestStream, responseStream, context));
}
