using Hush.ExtProc.Codecs.Json;
using Hush.ExtProc.Codecs.Sse;
using Hush.Policy.Matching;

namespace Hush.ExtProc.Codecs;

/// <summary>Chooses the codec of a body from its content type: SSE events, JSON strings, or raw bytes.</summary>
internal static class BodyCodecs
{
    /// <summary>
    /// Creates the codec for a body of <paramref name="contentType"/> (null or unknown: raw bytes). SSE line and event
    /// limits stay below <paramref name="maxHeldBack"/>, so a body that is not really SSE (no event ever ends) falls
    /// back to raw-byte scanning before the stream's hold-back limit would fail it.
    /// </summary>
    public static IBodyCodec Create(string? contentType, PolicyMatcher matcher, IMatchSink sink, int maxHeldBack) =>
        Kind(contentType) switch
        {
            "sse" => new SseBodyCodec(matcher, sink, new SseCodecOptions
            {
                MaxLineBytes = Math.Min(SseCodecOptions.DefaultMaxLineBytes, maxHeldBack / 4),
                MaxEventBytes = Math.Min(4 * SseCodecOptions.DefaultMaxLineBytes, maxHeldBack / 2),
            }),
            "json" => new JsonBodyCodec(matcher, sink),
            _ => new RawBodyCodec(matcher, sink),
        };

    /// <summary>The framing a content type declares: <c>sse</c>, <c>json</c> or <c>raw</c>.</summary>
    public static string Kind(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return "raw";
        }

        var media = MediaType.Of(contentType);
        if (media.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            return "sse";
        }

        if (media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            return "json";
        }

        return "raw";
    }
}
