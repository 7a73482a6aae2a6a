namespace Hush.EnvoyEmulator.Filter;

/// <summary>The two independent halves of an HTTP stream, as Envoy's ext_proc filter names them.</summary>
public enum TrafficDirection
{
    /// <summary>Downstream request towards the upstream (Envoy's decoding path).</summary>
    Request,

    /// <summary>Upstream response towards the downstream client (Envoy's encoding path).</summary>
    Response,
}
