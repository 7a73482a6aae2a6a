using System.Text.Json;

namespace Hush.ExtProc.Codecs.Sse;

internal sealed partial class SseJsonScanner
{
    private void WalkValue(ref Utf8JsonReader reader, int depth)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    _path[depth] = (NameOf(ref reader), -1);
                    reader.Read();
                    WalkValue(ref reader, depth + 1);
                }

                break;
            case JsonTokenType.StartArray:
                if (depth == 1 && _path[0].Name == JsonName.Choices)
                {
                    HasChoices = true;
                }

                var i = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    _path[depth] = (JsonName.Other, i++);
                    WalkValue(ref reader, depth + 1);
                }

                break;
            case JsonTokenType.String:
                OnString(ref reader, depth);
                break;
            case JsonTokenType.Number:
                OnNumber(ref reader, depth);
                break;
            default:
                break;
        }
    }

    private void OnString(ref Utf8JsonReader reader, int depth)
    {
        var raw = reader.ValueSpan;
        var dest = Reserve(raw.Length);
        int written;
        if (reader.ValueIsEscaped)
        {
            written = reader.CopyString(dest);
        }
        else
        {
            raw.CopyTo(dest);
            written = raw.Length;
        }

        AddString((int)reader.TokenStartIndex, raw.Length, written, depth);
    }

    private void OnNumber(ref Utf8JsonReader reader, int depth)
    {
        AddNumber((int)reader.TokenStartIndex, reader.ValueSpan.Length, depth);
        if (IsKeyNumber(depth) && reader.TryGetInt64(out var value))
        {
            OnInteger(value, depth);
        }
    }
}
