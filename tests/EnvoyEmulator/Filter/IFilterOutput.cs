namespace Hush.EnvoyEmulator.Filter;

/// <summary>
/// Where the filter releases traffic: towards the upstream (request path) and the downstream client (response path).
/// Called on the filter's event loop, in release order; implementations must not block.
/// </summary>
public interface IFilterOutput
{
    /// <summary>Request headers continue to the upstream.</summary>
    void OnUpstreamHeaders(HttpHeaderList headers, bool endOfStream);

    /// <summary>Request body bytes continue to the upstream (the array is owned by the receiver).</summary>
    void OnUpstreamData(byte[] data, bool endOfStream);

    /// <summary>Request trailers continue to the upstream (ends the request).</summary>
    void OnUpstreamTrailers(HttpHeaderList trailers);

    /// <summary>Response headers are released to the downstream client.</summary>
    void OnDownstreamHeaders(HttpHeaderList headers, bool endOfStream);

    /// <summary>Response body bytes are released to the downstream client (the array is owned by the receiver).</summary>
    void OnDownstreamData(byte[] data, bool endOfStream);

    /// <summary>Response trailers are released to the downstream client (ends the response).</summary>
    void OnDownstreamTrailers(HttpHeaderList trailers);

    /// <summary>Envoy sent a local reply instead of the upstream response (the upstream request, if any, is abandoned).</summary>
    void OnLocalReply(LocalReply reply);

    /// <summary>Envoy reset the downstream stream (response headers had already gone out).</summary>
    void OnReset(string details);
}
