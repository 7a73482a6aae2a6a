namespace Hush.ExtProc.Processing;

/// <summary>Where one direction of a stream is in Envoy's message order: headers, body, trailers, done.</summary>
internal enum DirectionPhase
{
    /// <summary>Nothing received yet; only headers may come.</summary>
    AwaitingHeaders = 0,

    /// <summary>Headers answered; body chunks or trailers may come.</summary>
    Body = 1,

    /// <summary>The body ended without end_of_stream only because trailers follow (BUFFERED), or trailers are next.</summary>
    AwaitingTrailers = 2,

    /// <summary>The direction ended (end_of_stream seen, trailers answered, or an immediate response was sent).</summary>
    Done = 3,
}
