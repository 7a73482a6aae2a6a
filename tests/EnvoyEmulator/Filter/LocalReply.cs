namespace Hush.EnvoyEmulator.Filter;

/// <summary>A local reply Envoy generated (immediate_response, ext_proc error, buffer overflow).</summary>
/// <param name="Status">HTTP status sent downstream.</param>
/// <param name="Headers">Response headers including <c>:status</c>, <c>content-type</c> and <c>content-length</c>.</param>
/// <param name="Body">Response body.</param>
/// <param name="Details">Envoy's response code details (<c>%RESPONSE_CODE_DETAILS%</c>).</param>
public sealed record LocalReply(int Status, HttpHeaderList Headers, byte[] Body, string Details);
