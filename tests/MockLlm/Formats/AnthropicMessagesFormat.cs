using System.Globalization;
using System.Text.Json;

namespace Hush.MockLlm.Formats;

/// <summary>
/// Anthropic Messages (<c>POST /v1/messages</c>): <c>message_start</c>, <c>content_block_start</c>, <c>ping</c>,
/// one <c>content_block_delta</c> (<c>text_delta</c>) per token, <c>content_block_stop</c>, <c>message_delta</c>,
/// <c>message_stop</c>.
/// </summary>
internal sealed class AnthropicMessagesFormat : ILlmFormat
{
    /// <inheritdoc />
    public List<byte[]> BuildStream(AnswerContext context)
    {
        var events = new List<byte[]>(context.Tokens.Count + 6)
        {
            Event("message_start", w =>
            {
                w.WriteStartObject("message");
                WriteMessageHead(w, context);
                w.WriteStartArray("content");
                w.WriteEndArray();
                w.WriteNull("stop_reason");
                w.WriteNull("stop_sequence");
                Json.Usage(w, "usage", "input_tokens", context.InputTokens, "output_tokens", 1, null);
                w.WriteEndObject();
            }),
            Event("content_block_start", w =>
            {
                w.WriteNumber("index", 0);
                w.WriteStartObject("content_block");
                w.WriteString("type", "text");
                w.WriteString("text", string.Empty);
                w.WriteEndObject();
            }),
            Event("ping", _ => { }),
        };
        foreach (var token in context.Tokens)
        {
            events.Add(Event("content_block_delta", w =>
            {
                w.WriteNumber("index", 0);
                w.WriteStartObject("delta");
                w.WriteString("type", "text_delta");
                w.WriteString("text", token);
                w.WriteEndObject();
            }));
        }

        events.Add(Event("content_block_stop", w => w.WriteNumber("index", 0)));
        events.Add(Event("message_delta", w =>
        {
            w.WriteStartObject("delta");
            w.WriteString("stop_reason", "end_turn");
            w.WriteNull("stop_sequence");
            w.WriteEndObject();
            w.WriteStartObject("usage");
            w.WriteNumber("output_tokens", context.Tokens.Count);
            w.WriteEndObject();
        }));
        events.Add(Event("message_stop", _ => { }));
        return events;
    }

    /// <inheritdoc />
    public byte[] BuildJson(AnswerContext context) => Json.Write(w =>
    {
        w.WriteStartObject();
        WriteMessageHead(w, context);
        w.WriteStartArray("content");
        w.WriteStartObject();
        w.WriteString("type", "text");
        w.WriteString("text", context.FullText);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("stop_reason", "end_turn");
        w.WriteNull("stop_sequence");
        Json.Usage(w, "usage", "input_tokens", context.InputTokens, "output_tokens", context.Tokens.Count, null);
        w.WriteEndObject();
    });

    /// <inheritdoc />
    public byte[] BuildError(string message, int statusCode) => Json.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "error");
        w.WriteStartObject("error");
        w.WriteString("type", statusCode switch
        {
            400 => "invalid_request_error",
            401 => "authentication_error",
            403 => "permission_error",
            404 => "not_found_error",
            413 => "request_too_large",
            429 => "rate_limit_error",
            529 => "overloaded_error",
            _ => "api_error",
        });
        w.WriteString("message", message);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static void WriteMessageHead(Utf8JsonWriter w, AnswerContext context)
    {
        w.WriteString("id", "msg_mock" + context.Sequence.ToString("D6", CultureInfo.InvariantCulture));
        w.WriteString("type", "message");
        w.WriteString("role", "assistant");
        w.WriteString("model", context.Model);
    }

    private static byte[] Event(string type, Action<Utf8JsonWriter> body) => Json.Event(type, Json.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", type);
        body(w);
        w.WriteEndObject();
    }));
}
