using Envoy.Service.ExtProc.V3;
using Grpc.Core;

namespace Hush.EnvoyEmulator.Filter;

/// <summary>One input to the filter's event loop; every mutation of filter state happens while processing one of these.</summary>
internal sealed class FilterEvent
{
    /// <summary>What happened.</summary>
    public required FilterEventKind Kind { get; init; }

    /// <summary>Which direction it concerns (HTTP events, timeouts, idle waits).</summary>
    public TrafficDirection Direction { get; init; }

    /// <summary>Headers or trailers.</summary>
    public HttpHeaderList? Headers { get; init; }

    /// <summary>Body bytes.</summary>
    public byte[]? Data { get; init; }

    /// <summary>Whether the HTTP event ends the message.</summary>
    public bool EndOfStream { get; init; }

    /// <summary>The server's message.</summary>
    public ProcessingResponse? Response { get; init; }

    /// <summary>The gRPC status of a closed call.</summary>
    public Status Status { get; init; }

    /// <summary>Timer generation, so a stale timer callback is ignored.</summary>
    public long Generation { get; init; }

    /// <summary>The side-stream call this event belongs to (stale reader events are ignored).</summary>
    public object? Call { get; init; }

    /// <summary>Completed when the event was processed (and, for data, when flow control lets the sender go on).</summary>
    public TaskCompletionSource? Done { get; init; }
}
