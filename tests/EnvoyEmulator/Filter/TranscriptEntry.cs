using Envoy.Service.ExtProc.V3;

namespace Hush.EnvoyEmulator.Filter;

/// <summary>One message on the side stream: exactly one of <see cref="Request"/> (sent) or <see cref="Response"/> (received).</summary>
/// <param name="Request">The message Envoy sent, or null.</param>
/// <param name="Response">The message Envoy received (and processed, in this order), or null.</param>
public sealed record TranscriptEntry(ProcessingRequest? Request, ProcessingResponse? Response)
{
    /// <summary>Whether Envoy sent this message.</summary>
    public bool IsSent => Request is not null;
}
