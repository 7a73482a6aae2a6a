using System.Text.Json;

namespace Hush.ExtProc.Codecs.Sse;

internal sealed partial class SseJsonScanner
{
    /// <summary>The role of a string at the current path (of <paramref name="depth"/> segments).</summary>
    private JsonStringRole Classify(int depth, out int choice, out int tool, out JsonName field)
    {
        var p = _path;
        choice = tool = -1;
        field = JsonName.Other;
        switch (depth)
        {
            case 1:
                return p[0].Name switch
                {
                    JsonName.Delta => JsonStringRole.ResponsesDelta,
                    JsonName.Type => JsonStringRole.RootType,
                    JsonName.ItemId => JsonStringRole.ItemId,
                    _ => JsonStringRole.Other,
                };
            case 2:
                field = p[1].Name;
                if (p[0].Name == JsonName.Delta && field is JsonName.Text or JsonName.PartialJson or JsonName.Thinking)
                {
                    return JsonStringRole.AnthropicDelta;
                }

                return p[0].Name == JsonName.ContentBlock && field is JsonName.Text or JsonName.Thinking
                    ? JsonStringRole.AnthropicStart
                    : JsonStringRole.Other;
            case 3 when p[0].Name == JsonName.Choices && p[1].Index >= 0 && p[2].Name == JsonName.Text:
                choice = p[1].Index;
                return JsonStringRole.ChatText;
            case 4 when p[0].Name == JsonName.Choices && p[1].Index >= 0 && p[2].Name == JsonName.Delta:
                choice = p[1].Index;
                return p[3].Name switch
                {
                    JsonName.Content => JsonStringRole.ChatContent,
                    JsonName.Refusal => JsonStringRole.ChatRefusal,
                    _ => JsonStringRole.Other,
                };
            case 7 when p[0].Name == JsonName.Choices && p[1].Index >= 0 && p[2].Name == JsonName.Delta
                && p[3].Name == JsonName.ToolCalls && p[4].Index >= 0 && p[5].Name == JsonName.Function
                && p[6].Name == JsonName.Arguments:
                choice = p[1].Index;
                tool = p[4].Index;
                return JsonStringRole.ChatArguments;
            default:
                return JsonStringRole.Other;
        }
    }

    /// <summary>Maps the current property name to a schema name (escaped names are unescaped first).</summary>
    private static JsonName NameOf(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return Lookup(reader.ValueSpan);
        }

        Span<byte> buffer = stackalloc byte[32];
        return reader.ValueSpan.Length <= buffer.Length ? Lookup(buffer[..reader.CopyString(buffer)]) : JsonName.Other;
    }

    private static JsonName Lookup(ReadOnlySpan<byte> name) => name.Length switch
    {
        4 when name.SequenceEqual("text"u8) => JsonName.Text,
        4 when name.SequenceEqual("type"u8) => JsonName.Type,
        5 when name.SequenceEqual("delta"u8) => JsonName.Delta,
        5 when name.SequenceEqual("index"u8) => JsonName.Index,
        7 when name.SequenceEqual("choices"u8) => JsonName.Choices,
        7 when name.SequenceEqual("content"u8) => JsonName.Content,
        7 when name.SequenceEqual("refusal"u8) => JsonName.Refusal,
        7 when name.SequenceEqual("item_id"u8) => JsonName.ItemId,
        8 when name.SequenceEqual("function"u8) => JsonName.Function,
        8 when name.SequenceEqual("thinking"u8) => JsonName.Thinking,
        9 when name.SequenceEqual("arguments"u8) => JsonName.Arguments,
        10 when name.SequenceEqual("tool_calls"u8) => JsonName.ToolCalls,
        12 when name.SequenceEqual("partial_json"u8) => JsonName.PartialJson,
        12 when name.SequenceEqual("output_index"u8) => JsonName.OutputIndex,
        13 when name.SequenceEqual("content_block"u8) => JsonName.ContentBlock,
        13 when name.SequenceEqual("content_index"u8) => JsonName.ContentIndex,
        13 when name.SequenceEqual("summary_index"u8) => JsonName.SummaryIndex,
        _ => JsonName.Other,
    };
}
