using System.Buffers;
using System.Text;
using System.Text.Json;
using Hush.ExtProc.Approvals;

namespace Hush.ExtProc.Processing;

/// <summary>
/// What a caller receives when a held answer is refused or deferred: a JSON error in the provider's own shape
/// (OpenAI <c>{"error":{…}}</c>, Anthropic <c>{"type":"error","error":{…}}</c>) so SDKs surface it, as a whole
/// body (local reply) or as a final SSE event followed by the provider's end marker (in-band).
/// </summary>
internal static class HoldReplies
{
    /// <summary>The provider name that selects Anthropic's shapes.</summary>
    public const string Anthropic = "anthropic";

    /// <summary>Error type of refusals.</summary>
    public const string DeniedType = "hush_denied";

    /// <summary>Error type of a deferred hold.</summary>
    public const string HeldType = "hush_held";

    /// <summary>Error type when a hold could not be recorded.</summary>
    public const string UnavailableType = "hush_hold_unavailable";

    /// <summary>The error type, code and message for <paramref name="resolution"/>.</summary>
    public static (string Type, string Code, string Message) Describe(HoldResolution resolution, HoldRecord? hold, string fetchPath)
    {
        var rules = hold is null ? "" : " (" + string.Join(", ", RuleIds(hold)) + ")";
        return resolution switch
        {
            HoldResolution.Denied => (DeniedType, "hold_denied",
                $"Hush held this answer for approval{rules} and an approver denied it."),
            HoldResolution.Expired => (DeniedType, "hold_expired",
                $"Hush held this answer for approval{rules} and nobody decided before it expired."),
            HoldResolution.Deferred => (HeldType, "pending_approval",
                $"Hush held this answer for approval{rules}. Once it is approved, the same caller can collect it with GET {fetchPath}."),
            _ => (UnavailableType, "hold_unavailable",
                "Hush had to hold this answer for approval but could not record the hold; the answer is refused (fail closed)."),
        };
    }

    /// <summary>A whole JSON error body in the provider's shape, with the hold id (and for a deferred hold how to collect it).</summary>
    public static byte[] ErrorBody(string? provider, string type, string code, string message, HoldRecord? hold, string? fetchPath)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (provider == Anthropic)
            {
                json.WriteString("type", "error");
            }

            json.WriteStartObject("error");
            json.WriteString("type", type);
            json.WriteString("message", message);
            if (provider != Anthropic)
            {
                json.WriteNull("param");
                json.WriteString("code", code);
            }

            if (hold is not null)
            {
                json.WriteString("hold_id", hold.Id);
                json.WriteString("expires_at", hold.ExpiresAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            }

            if (fetchPath is not null)
            {
                json.WriteStartObject("collect");
                json.WriteString("method", "GET");
                json.WriteString("path", fetchPath);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The in-band ending of a stream whose headers are out: for SSE the error as a final event and the provider's end
    /// marker (<c>data: [DONE]</c> for OpenAI; Anthropic's <c>event: error</c> ends its stream); otherwise the JSON
    /// error on its own line.
    /// </summary>
    public static byte[] InBand(string? provider, string? contentType, byte[] errorJson)
    {
        var json = Encoding.UTF8.GetString(errorJson);
        var sse = Codecs.MediaType.Of(contentType ?? "").Equals("text/event-stream", StringComparison.OrdinalIgnoreCase);
        var text = !sse ? "\n" + json + "\n"
            : provider == Anthropic ? "event: error\ndata: " + json + "\n\n"
            : "data: " + json + "\n\ndata: [DONE]\n\n";
        return Encoding.UTF8.GetBytes(text);
    }

    private static IEnumerable<string> RuleIds(HoldRecord hold)
    {
        foreach (var rule in hold.Rules)
        {
            yield return rule.Rule;
        }
    }
}
