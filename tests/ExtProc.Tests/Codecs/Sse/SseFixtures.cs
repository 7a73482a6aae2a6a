using System.Text;
using System.Text.Json;

namespace Hush.ExtProc.Tests.Codecs.Sse;

/// <summary>Provider-shaped SSE events for the codec tests.</summary>
internal static class SseFixtures
{
    /// <summary>The end-of-stream marker of OpenAI streams.</summary>
    public const string Done = "data: [DONE]\n\n";

    /// <summary>An OpenAI Chat Completions chunk carrying <paramref name="content"/> for choice <paramref name="choice"/>.</summary>
    public static string Chat(int choice, string content) =>
        $"data: {{\"id\":\"chatcmpl-7\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{{\"index\":{choice},\"delta\":{{\"content\":{JsonString(content)}}},\"finish_reason\":null}}]}}\n\n";

    /// <summary>A Chat Completions chunk carrying a refusal delta.</summary>
    public static string ChatRefusal(int choice, string refusal) =>
        $"data: {{\"id\":\"chatcmpl-7\",\"object\":\"chat.completion.chunk\",\"choices\":[{{\"index\":{choice},\"delta\":{{\"refusal\":{JsonString(refusal)}}}}}]}}\n\n";

    /// <summary>A Chat Completions chunk carrying tool call arguments.</summary>
    public static string ChatTool(int choice, int tool, string arguments) =>
        $"data: {{\"id\":\"chatcmpl-7\",\"object\":\"chat.completion.chunk\",\"choices\":[{{\"index\":{choice},\"delta\":{{\"tool_calls\":[{{\"index\":{tool},\"function\":{{\"arguments\":{JsonString(arguments)}}}}}]}}}}]}}\n\n";

    /// <summary>An Anthropic content_block_delta; <paramref name="kind"/> is text, partial_json or thinking.</summary>
    public static string Anthropic(int index, string kind, string text)
    {
        var deltaType = kind switch
        {
            "text" => "text_delta",
            "partial_json" => "input_json_delta",
            "thinking" => "thinking_delta",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return $"event: content_block_delta\ndata: {{\"type\":\"content_block_delta\",\"index\":{index},\"delta\":{{\"type\":\"{deltaType}\",\"{kind}\":{JsonString(text)}}}}}\n\n";
    }

    /// <summary>A Responses API delta event of <paramref name="type"/> for item <paramref name="item"/>.</summary>
    public static string ResponsesDelta(string item, string delta, string type = "response.output_text.delta") =>
        $"event: {type}\ndata: {{\"type\":\"{type}\",\"item_id\":\"{item}\",\"output_index\":0,\"content_index\":0,\"delta\":{JsonString(delta)},\"sequence_number\":3}}\n\n";

    /// <summary>A Responses API <c>response.output_text.done</c> event repeating the whole text.</summary>
    public static string ResponsesTextDone(string item, string text) =>
        $"event: response.output_text.done\ndata: {{\"type\":\"response.output_text.done\",\"item_id\":\"{item}\",\"output_index\":0,\"content_index\":0,\"text\":{JsonString(text)}}}\n\n";

    /// <summary>A Responses API <c>response.function_call_arguments.done</c> event.</summary>
    public static string ResponsesArgumentsDone(string item, string arguments) =>
        $"event: response.function_call_arguments.done\ndata: {{\"type\":\"response.function_call_arguments.done\",\"item_id\":\"{item}\",\"output_index\":0,\"content_index\":0,\"arguments\":{JsonString(arguments)}}}\n\n";

    /// <summary>A <c>response.completed</c> event embedding the whole text.</summary>
    public static string ResponsesCompleted(string item, string text) =>
        $"event: response.completed\ndata: {{\"type\":\"response.completed\",\"response\":{{\"id\":\"resp_1\",\"output\":[{{\"id\":\"{item}\",\"type\":\"message\",\"content\":[{{\"type\":\"output_text\",\"text\":{JsonString(text)}}}]}}]}}}}\n\n";

    /// <summary>Splits <paramref name="text"/> into pieces of the given sizes (the last takes the rest).</summary>
    public static List<string> Split(string text, params int[] sizes)
    {
        var parts = new List<string>();
        var pos = 0;
        foreach (var size in sizes)
        {
            if (pos >= text.Length)
            {
                break;
            }

            var n = Math.Min(size, text.Length - pos);
            parts.Add(text.Substring(pos, n));
            pos += n;
        }

        if (pos < text.Length)
        {
            parts.Add(text[pos..]);
        }

        return parts;
    }

    /// <summary>UTF-8 bytes of <paramref name="text"/>.</summary>
    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A JSON string literal (System.Text.Json escapes non-ASCII and HTML characters as \u sequences).</summary>
    public static string JsonString(string text) => JsonSerializer.Serialize(text);
}
