namespace Hush.EnvoyEmulator.Filter;

/// <summary>What a <see cref="FilterEvent"/> carries into the filter's single-threaded event loop.</summary>
internal enum FilterEventKind
{
    /// <summary>HTTP headers arrived in a direction.</summary>
    Headers,

    /// <summary>HTTP body data arrived in a direction.</summary>
    Data,

    /// <summary>HTTP trailers arrived in a direction.</summary>
    Trailers,

    /// <summary>A ProcessingResponse arrived from the server.</summary>
    Response,

    /// <summary>The gRPC call ended (status in the event).</summary>
    GrpcClosed,

    /// <summary>A direction's message timer fired.</summary>
    Timeout,

    /// <summary>A caller waits until a direction has nothing outstanding.</summary>
    WaitIdle,

    /// <summary>The downstream went away (or the host disposes the filter).</summary>
    Cancel,
}
