namespace Hush.EnvoyEmulator.Filter;

/// <summary>What a direction is waiting for from the server (Envoy's <c>ProcessorState::CallbackState</c>).</summary>
internal enum CallbackState
{
    /// <summary>Nothing outstanding.</summary>
    Idle,

    /// <summary>A headers message is outstanding.</summary>
    HeadersCallback,

    /// <summary>One whole-body message (BUFFERED semantics) is outstanding.</summary>
    BufferedBodyCallback,

    /// <summary>One or more STREAMED chunks (or FDS body traffic) are outstanding.</summary>
    StreamedBodyCallback,

    /// <summary>The single BUFFERED_PARTIAL body message is outstanding.</summary>
    BufferedPartialBodyCallback,

    /// <summary>A trailers message is outstanding.</summary>
    TrailersCallback,
}
