using System.Text;
using System.Text.Json;

namespace Hush.ExtProc.Tests.Codecs.Sse;

/// <summary>
/// A strict SSE client for the tests: parses output bytes per the WHATWG event-stream rules and reassembles each
/// logical text stream the way the provider SDKs accumulate deltas.
/// </summary>
internal static class SseClient
{
    /// <summary>Parses <paramref name="bytes"/> into events (an unterminated last event is dropped, as browsers do).</summary>
    public static List<SseClientEvent> Parse(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var events = new List<SseClientEvent>();
        string? ev = null, id = null;
        var data = new List<string>();
        var comments = new List<string>();
        var pos = 0;
        while (pos < text.Length)
        {
            var end = text.IndexOfAny(['\r', '\n'], pos);
            if (end < 0)
            {
                break;
            }

            var line = text[pos..end];
            pos = end + 1;
            if (text[end] == '\r' && pos < text.Length && text[pos] == '\n')
            {
                pos++;
            }

            if (line.Length == 0)
            {
                if (data.Count > 0 || ev is not null || comments.Count > 0)
                {
                    events.Add(new SseClientEvent(ev, id, string.Join('\n', data), comments.ToArray()));
                }

                ev = null;
                data.Clear();
                comments.Clear();
                continue;
            }

            if (line[0] == ':')
            {
                comments.Add(line[1..]);
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            switch (name)
            {
                case "data": data.Add(value); break;
                case "event": ev = value; break;
                case "id": id = value; break;
                default: break;
            }
        }

        return events;
    }

    /// <summary>
    /// Reassembles every logical text stream of the events: keys like <c>chat/0/content</c>,
    /// <c>chat/0/tool/1</c>, <c>anthropic/2/text</c>, <c>responses/item_1/response.output_text.delta/0</c>;
    /// whole texts of Responses <c>….done</c> events are listed under <c>done:</c> keys. Every data line but
    /// <c>[DONE]</c> must be JSON.
    /// </summary>
    public static Dictionary<string, string> Reassemble(IEnumerable<SseClientEvent> events)
    {
        var streams = new Dictionary<string, StringBuilder>();
        void Add(string key, string? value)
        {
            if (value is null)
            {
                return;
            }

            if (!streams.TryGetValue(key, out var sb))
            {
                streams[key] = sb = new StringBuilder();
            }

            sb.Append(value);
        }

        foreach (var e in events)
        {
            if (e.Data.Length == 0 || e.Data == "[DONE]")
            {
                continue;
            }

            using var doc = JsonDocument.Parse(e.Data);
            var root = doc.RootElement;
            if (root.TryGetProperty("choices", out var choices))
            {
                foreach (var choice in choices.EnumerateArray())
                {
                    var index = choice.GetProperty("index").GetInt32();
                    if (!choice.TryGetProperty("delta", out var delta))
                    {
                        continue;
                    }

                    Add($"chat/{index}/content", Str(delta, "content"));
                    Add($"chat/{index}/refusal", Str(delta, "refusal"));
                    if (delta.TryGetProperty("tool_calls", out var calls))
                    {
                        foreach (var call in calls.EnumerateArray())
                        {
                            var args = call.TryGetProperty("function", out var f) ? Str(f, "arguments") : null;
                            Add($"chat/{index}/tool/{call.GetProperty("index").GetInt32()}", args);
                        }
                    }
                }

                continue;
            }

            var type = Str(root, "type") ?? "";
            if (type == "content_block_delta")
            {
                var delta = root.GetProperty("delta");
                var field = Str(delta, "type") switch
                {
                    "text_delta" => "text",
                    "input_json_delta" => "partial_json",
                    "thinking_delta" => "thinking",
                    _ => null,
                };
                if (field is not null)
                {
                    Add($"anthropic/{root.GetProperty("index").GetInt32()}/{field}", Str(delta, field));
                }
            }
            else if (type.StartsWith("response.", StringComparison.Ordinal) && type.EndsWith(".delta", StringComparison.Ordinal))
            {
                Add($"responses/{Str(root, "item_id")}/{type}/{Num(root, "content_index")}", Str(root, "delta"));
            }
            else if (type == "response.output_text.done")
            {
                Add($"done:responses/{Str(root, "item_id")}/response.output_text.delta/{Num(root, "content_index")}", Str(root, "text"));
            }
            else if (type == "response.function_call_arguments.done")
            {
                Add($"done:responses/{Str(root, "item_id")}/response.function_call_arguments.delta/{Num(root, "content_index")}", Str(root, "arguments"));
            }
        }

        return streams.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Num(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetRawText() : "-";
}
