using Envoy.Config.Core.V3;
using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Envoy.Service.ExtProc.V3;
using Google.Protobuf;

namespace Hush.ExtProcBench.Load;

/// <summary>
/// The headers messages every stream starts with, built once: what Envoy sends for a streamed chat completion
/// (request headers first with <c>protocol_config</c>, then the SSE response headers). Values go in
/// <c>raw_value</c>, as Envoy sends them.
/// </summary>
internal static class Requests
{
    /// <summary><c>request_headers</c> of a bodiless POST /v1/chat/completions, with the stream's protocol_config.</summary>
    public static ProcessingRequest RequestHeaders { get; } = new()
    {
        RequestHeaders = new HttpHeaders
        {
            Headers = Map(
                (":method", "POST"), (":path", "/v1/chat/completions"), (":scheme", "https"),
                (":authority", "api.openai.com"), ("content-type", "application/json"), ("x-request-id", "bench")),
            EndOfStream = true,
        },
        ProtocolConfig = new ProtocolConfiguration
        {
            RequestBodyMode = ProcessingMode.Types.BodySendMode.None,
            ResponseBodyMode = ProcessingMode.Types.BodySendMode.Streamed,
        },
    };

    /// <summary><c>response_headers</c> of a 200 SSE response (a body follows).</summary>
    public static ProcessingRequest ResponseHeaders { get; } = new()
    {
        ResponseHeaders = new HttpHeaders
        {
            Headers = Map((":status", "200"), ("content-type", "text/event-stream"), ("cache-control", "no-cache")),
            EndOfStream = false,
        },
    };

    /// <summary><c>response_headers</c> of the same response labelled <c>text/plain</c> (raw-byte scanning).</summary>
    public static ProcessingRequest ResponseHeadersPlain { get; } = new()
    {
        ResponseHeaders = new HttpHeaders
        {
            Headers = Map((":status", "200"), ("content-type", "text/plain"), ("cache-control", "no-cache")),
            EndOfStream = false,
        },
    };

    private static HeaderMap Map(params (string Key, string Value)[] headers)
    {
        var map = new HeaderMap();
        foreach (var (key, value) in headers)
        {
            map.Headers.Add(new HeaderValue { Key = key, RawValue = ByteString.CopyFromUtf8(value) });
        }

        return map;
    }
}
