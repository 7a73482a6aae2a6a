using System.Text;
using System.Text.Json;

namespace Hush.ExtProc.Tests.Approvals;

/// <summary>What a client reads from an SSE answer: the concatenated text deltas (OpenAI or Anthropic), and the error events.</summary>
internal static class SseText
{
    public static string Text(string sse)
    {
        var text = new StringBuilder();
        foreach (var data in Data(sse))
        {
            using var json = JsonDocument.Parse(data);
            var root = json.RootElement;
            if (root.TryGetProperty("choices", out var choices))
            {
                foreach (var choice in choices.EnumerateArray())
                {
                    if (choice.TryGetProperty("delta", out var delta) && delta.TryGetProperty("content", out var content)
                        && content.ValueKind == JsonValueKind.String)
                    {
                        text.Append(content.GetString());
                    }
                }
            }
            else if (root.TryGetProperty("delta", out var delta) && delta.TryGetProperty("text", out var t))
            {
                text.Append(t.GetString());
            }
        }

        return text.ToString();
    }

    /// <summary>The <c>data:</c> payloads, [DONE] excluded.</summary>
    public static List<string> Data(string sse)
    {
        var list = new List<string>();
        foreach (var line in sse.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal) && line != "data: [DONE]")
            {
                list.Add(line[6..]);
            }
        }

        return list;
    }

    /// <summary>The error object of the last event carrying one, or null.</summary>
    public static JsonElement? LastError(string sse)
    {
        JsonElement? error = null;
        foreach (var data in Data(sse))
        {
            using var json = JsonDocument.Parse(data);
            if (json.RootElement.TryGetProperty("error", out var e))
            {
                error = e.Clone();
            }
        }

        return error;
    }
}
