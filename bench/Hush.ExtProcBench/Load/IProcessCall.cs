using Envoy.Service.ExtProc.V3;

namespace Hush.ExtProcBench.Load;

/// <summary>One ext_proc <c>Process</c> stream as the load generator drives it (Envoy's side of the call).</summary>
internal interface IProcessCall : IDisposable
{
    /// <summary>The last answer read by <see cref="MoveNextAsync"/>.</summary>
    ProcessingResponse Current { get; }

    /// <summary>Timestamp (of the driver's <see cref="TimeProvider"/>) at which <see cref="Current"/> was received.</summary>
    long ArrivedAt { get; }

    /// <summary>Sends one message on the stream.</summary>
    ValueTask WriteAsync(ProcessingRequest message, CancellationToken cancel);

    /// <summary>Waits for the next answer; false when the server ended the stream.</summary>
    ValueTask<bool> MoveNextAsync(CancellationToken cancel);
}
