using System.Globalization;
using System.Text.Json;

namespace Hush.MockLlm.Formats;

/// <summary>
/// OpenAI Responses API (<c>POST /v1/responses</c>): <c>response.created</c>, <c>response.in_progress</c>, output item
/// and content part events, <c>response.output_text.delta</c> per token, the matching <c>.done</c> events and
/// <c>response.completed</c>; every event carries <c>type</c> and <c>sequence_number</c>. No <c>[DONE]</c>.
/// </summary>
internal sealed class ResponsesFormat : ILlmFormat
{
    /// <inheritdoc />
    public List<byte[]> BuildStream(AnswerContext context)
    {
        var ids = new Ids(context);
        var events = new List<byte[]>(context.Tokens.Count + 8);
        var sequence = 0;
        events.Add(Event("response.created", sequence++, w => WriteResponse(w, "response", context, ids, completed: false)));
        events.Add(Event("response.in_progress", sequence++, w => WriteResponse(w, "response", context, ids, completed: false)));
        events.Add(Event("response.output_item.added", sequence++, w =>
        {
            w.WriteNumber("output_index", 0);
            WriteItem(w, "item", ids, context.FullText, completed: false);
        }));
        events.Add(Event("response.content_part.added", sequence++, w =>
        {
            WritePartAddress(w, ids);
            WritePart(w, string.Empty);
        }));
        foreach (var token in context.Tokens)
        {
            var seq = sequence++;
            events.Add(Event("response.output_text.delta", seq, w =>
            {
                WritePartAddress(w, ids);
                w.WriteString("delta", token);
                w.WriteStartArray("logprobs");
                w.WriteEndArray();
            }));
        }

        events.Add(Event("response.output_text.done", sequence++, w =>
        {
            WritePartAddress(w, ids);
            w.WriteString("text", context.FullText);
            w.WriteStartArray("logprobs");
            w.WriteEndArray();
        }));
        events.Add(Event("response.content_part.done", sequence++, w =>
        {
            WritePartAddress(w, ids);
            WritePart(w, context.FullText);
        }));
        events.Add(Event("response.output_item.done", sequence++, w =>
        {
            w.WriteNumber("output_index", 0);
            WriteItem(w, "item", ids, context.FullText, completed: true);
        }));
        events.Add(Event("response.completed", sequence, w => WriteResponse(w, "response", context, ids, completed: true)));
        return events;
    }

    /// <inheritdoc />
    public byte[] BuildJson(AnswerContext context) => Json.Write(w => WriteResponseObject(w, context, new Ids(context), completed: true));

    /// <inheritdoc />
    public byte[] BuildError(string message, int statusCode) => ChatCompletionsFormat.OpenAiError(message, statusCode);

    private static byte[] Event(string type, int sequence, Action<Utf8JsonWriter> body) => Json.Event(type, Json.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", type);
        w.WriteNumber("sequence_number", sequence);
        body(w);
        w.WriteEndObject();
    }));

    private static void WriteResponse(Utf8JsonWriter w, string name, AnswerContext context, Ids ids, bool completed)
    {
        w.WritePropertyName(name);
        WriteResponseObject(w, context, ids, completed);
    }

    private static void WriteResponseObject(Utf8JsonWriter w, AnswerContext context, Ids ids, bool completed)
    {
        w.WriteStartObject();
        w.WriteString("id", ids.Response);
        w.WriteString("object", "response");
        w.WriteNumber("created_at", context.CreatedUnixSeconds);
        w.WriteString("status", completed ? "completed" : "in_progress");
        w.WriteNull("error");
        w.WriteNull("incomplete_details");
        w.WriteString("model", context.Model);
        w.WriteStartArray("output");
        if (completed)
        {
            WriteItem(w, null, ids, context.FullText, completed: true);
        }

        w.WriteEndArray();
        w.WriteBoolean("parallel_tool_calls", true);
        w.WriteNull("previous_response_id");
        w.WriteBoolean("store", false);
        w.WriteNumber("temperature", 1.0);
        w.WriteStartObject("text");
        w.WriteStartObject("format");
        w.WriteString("type", "text");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteString("tool_choice", "auto");
        w.WriteStartArray("tools");
        w.WriteEndArray();
        w.WriteNumber("top_p", 1.0);
        w.WriteString("truncation", "disabled");
        if (completed)
        {
            Json.Usage(w, "usage", "input_tokens", context.InputTokens, "output_tokens", context.Tokens.Count, "total_tokens");
        }
        else
        {
            w.WriteNull("usage");
        }

        w.WriteEndObject();
    }

    private static void WriteItem(Utf8JsonWriter w, string? name, Ids ids, string text, bool completed)
    {
        if (name is null)
        {
            w.WriteStartObject();
        }
        else
        {
            w.WriteStartObject(name);
        }

        w.WriteString("id", ids.Message);
        w.WriteString("type", "message");
        w.WriteString("status", completed ? "completed" : "in_progress");
        w.WriteString("role", "assistant");
        w.WriteStartArray("content");
        if (completed)
        {
            w.WriteStartObject();
            WritePartFields(w, text);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WritePartAddress(Utf8JsonWriter w, Ids ids)
    {
        w.WriteString("item_id", ids.Message);
        w.WriteNumber("output_index", 0);
        w.WriteNumber("content_index", 0);
    }

    private static void WritePart(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject("part");
        WritePartFields(w, text);
        w.WriteEndObject();
    }

    private static void WritePartFields(Utf8JsonWriter w, string text)
    {
        w.WriteString("type", "output_text");
        w.WriteString("text", text);
        w.WriteStartArray("annotations");
        w.WriteEndArray();
    }

    /// <summary>Stable ids derived from the request number.</summary>
    private sealed class Ids(AnswerContext context)
    {
        public string Response { get; } = "resp_mock" + context.Sequence.ToString("D6", CultureInfo.InvariantCulture);

        public string Message { get; } = "msg_mock" + context.Sequence.ToString("D6", CultureInfo.InvariantCulture);
    }
}
