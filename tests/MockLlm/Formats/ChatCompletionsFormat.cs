using System.Text.Json;

namespace Hush.MockLlm.Formats;

/// <summary>OpenAI Chat Completions (<c>POST /v1/chat/completions</c>): <c>chat.completion.chunk</c> events then <c>[DONE]</c>.</summary>
internal sealed class ChatCompletionsFormat : ILlmFormat
{
    /// <inheritdoc />
    public List<byte[]> BuildStream(AnswerContext context)
    {
        var id = Id(context);
        var events = new List<byte[]>(context.Tokens.Count + 3)
        {
            // The first chunk carries the role with empty content, exactly like the real API.
            Json.Data(Chunk(context, id, role: true, content: string.Empty, finish: null)),
        };
        foreach (var token in context.Tokens)
        {
            events.Add(Json.Data(Chunk(context, id, role: false, content: token, finish: null)));
        }

        events.Add(Json.Data(Chunk(context, id, role: false, content: null, finish: "stop")));
        events.Add(Json.Done());
        return events;
    }

    /// <inheritdoc />
    public byte[] BuildJson(AnswerContext context) => Json.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", Id(context));
        w.WriteString("object", "chat.completion");
        w.WriteNumber("created", context.CreatedUnixSeconds);
        w.WriteString("model", context.Model);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        w.WriteString("content", context.FullText);
        w.WriteNull("refusal");
        w.WriteEndObject();
        w.WriteNull("logprobs");
        w.WriteString("finish_reason", "stop");
        w.WriteEndObject();
        w.WriteEndArray();
        Json.Usage(w, "usage", "prompt_tokens", context.InputTokens, "completion_tokens", context.Tokens.Count, "total_tokens");
        w.WriteNull("system_fingerprint");
        w.WriteEndObject();
    });

    /// <inheritdoc />
    public byte[] BuildError(string message, int statusCode) => OpenAiError(message, statusCode);

    /// <summary>OpenAI's error document, shared with the Responses API.</summary>
    internal static byte[] OpenAiError(string message, int statusCode) => Json.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("message", message);
        w.WriteString("type", statusCode >= 500 ? "server_error" : "invalid_request_error");
        w.WriteNull("param");
        w.WriteNull("code");
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static string Id(AnswerContext context) => "chatcmpl-mock" + context.Sequence.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    private static byte[] Chunk(AnswerContext context, string id, bool role, string? content, string? finish) => Json.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("object", "chat.completion.chunk");
        w.WriteNumber("created", context.CreatedUnixSeconds);
        w.WriteString("model", context.Model);
        w.WriteNull("system_fingerprint");
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("delta");
        if (role)
        {
            w.WriteString("role", "assistant");
        }

        if (content is not null)
        {
            w.WriteString("content", content);
        }

        w.WriteEndObject();
        w.WriteNull("logprobs");
        WriteFinish(w, finish);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteFinish(Utf8JsonWriter w, string? finish)
    {
        if (finish is null)
        {
            w.WriteNull("finish_reason");
        }
        else
        {
            w.WriteString("finish_reason", finish);
        }
    }
}
