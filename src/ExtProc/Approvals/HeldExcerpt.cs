using System.Buffers;
using System.Text;
using System.Text.Json;
using Hush.Policy.Matching;
using Hush.Policy.Rules;

namespace Hush.ExtProc.Approvals;

/// <summary>
/// The excerpt an approver reads: the held answer's text (SSE deltas and JSON strings decoded, so the span reads as the
/// model wrote it), cut around the first hold match, the match marked with <c>⟦</c>…<c>⟧</c>. Built from the masked
/// answer only, off the data path (once per hold).
/// </summary>
internal static class HeldExcerpt
{
    /// <summary>Marks the start of the held span.</summary>
    public const string Open = "⟦";

    /// <summary>Marks the end of the held span.</summary>
    public const string Close = "⟧";

    /// <summary>Builds the excerpt of <paramref name="maskedAnswer"/>, keeping <paramref name="context"/> characters on each side.</summary>
    public static string Build(ReadOnlySpan<byte> maskedAnswer, string? contentType, PolicyMatcher responseMatcher, int context)
    {
        ArgumentNullException.ThrowIfNull(responseMatcher);
        var text = Encoding.UTF8.GetBytes(Render(maskedAnswer, contentType));
        var stream = responseMatcher.CreateStream();
        var sink = new ArrayBufferWriter<byte>(text.Length + 64);
        stream.Write(text, sink);
        stream.Complete(sink);
        long start = -1, end = -1;
        foreach (var e in stream.Events)
        {
            if (e.Action == RuleAction.Hold && (start < 0 || e.Start < start))
            {
                (start, end) = (e.Start, e.End);
            }
        }

        if (start < 0 || end > text.Length)
        {
            var head = Decode(text, 0, Math.Min(text.Length, 2 * context));
            return head + (text.Length > 2 * context ? "…" : "");
        }

        var from = Boundary(text, Math.Max(0, (int)start - context));
        var to = Boundary(text, Math.Min(text.Length, (int)end + context));
        var sb = new StringBuilder(to - from + 16);
        if (from > 0)
        {
            sb.Append('…');
        }

        sb.Append(Decode(text, from, (int)start - from)).Append(Open)
          .Append(Decode(text, (int)start, (int)(end - start))).Append(Close)
          .Append(Decode(text, (int)end, to - (int)end));
        if (to < text.Length)
        {
            sb.Append('…');
        }

        return sb.ToString();
    }

    /// <summary>The readable text of an answer: SSE event texts, JSON string values, or the bytes as UTF-8.</summary>
    public static string Render(ReadOnlySpan<byte> answer, string? contentType)
    {
        var media = Codecs.MediaType.Of(contentType ?? "");
        var raw = Encoding.UTF8.GetString(answer);
        if (media.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            return RenderSse(raw);
        }

        if (media.EndsWith("json", StringComparison.OrdinalIgnoreCase) && TryStrings(raw, out var strings))
        {
            return strings;
        }

        return raw;
    }

    private static string RenderSse(string raw)
    {
        var sb = new StringBuilder(raw.Length);
        foreach (var block in raw.ReplaceLineEndings("\n").Split("\n\n"))
        {
            var data = new StringBuilder();
            foreach (var line in block.Split('\n'))
            {
                if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    data.Append(data.Length > 0 ? "\n" : "").Append(line.AsSpan(line.Length > 5 && line[5] == ' ' ? 6 : 5));
                }
            }

            var payload = data.ToString();
            if (payload.Length == 0 || payload == "[DONE]")
            {
                continue;
            }

            if (payload.Contains(".done\"", StringComparison.Ordinal) || payload.Contains("\"response.completed\"", StringComparison.Ordinal))
            {
                continue; // repeats the deltas' text
            }

            sb.Append(TryStrings(payload, out var text, deltasOnly: true) ? text : payload);
        }

        return sb.ToString();
    }

    private static bool TryStrings(string json, out string text, bool deltasOnly = false)
    {
        var sb = new StringBuilder();
        try
        {
            using var doc = JsonDocument.Parse(json);
            Collect(doc.RootElement, null, sb, deltasOnly);
        }
        catch (JsonException)
        {
            text = "";
            return false;
        }

        text = sb.ToString();
        return true;
    }

    private static void Collect(JsonElement element, string? name, StringBuilder sb, bool deltasOnly)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, property.Name, sb, deltasOnly);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, name, sb, deltasOnly);
                }

                break;
            case JsonValueKind.String when !deltasOnly:
                sb.Append(element.GetString()).Append('\n');
                break;
            case JsonValueKind.String when name is "content" or "text" or "arguments" or "partial_json" or "thinking" or "delta" or "refusal":
                sb.Append(element.GetString());
                break;
        }
    }

    // Moves an offset off a UTF-8 continuation byte so a cut never splits a character.
    private static int Boundary(byte[] text, int offset)
    {
        while (offset > 0 && offset < text.Length && (text[offset] & 0xC0) == 0x80)
        {
            offset--;
        }

        return offset;
    }

    private static string Decode(byte[] text, int offset, int count) =>
        count <= 0 ? "" : Encoding.UTF8.GetString(text, offset, count);
}
