namespace Hush.ExtProc.Processing;

/// <summary>The two independent halves of an HTTP exchange, as Envoy's per-direction state machines see them.</summary>
internal enum TrafficDirection
{
    /// <summary>Downstream request going to the provider (Envoy's decoding path).</summary>
    Request = 0,

    /// <summary>Provider response coming back (Envoy's encoding path).</summary>
    Response = 1,
}
