using System.Runtime.InteropServices;

namespace Hush.ExtProc.Codecs.Sse;

internal sealed partial class SseBodyCodec
{
    private LogicalStream? _lastStream;

    /// <summary>
    /// Scans an event's data: a JSON object of a known schema becomes one slot per string value (text fields on
    /// their logical streams, <c>….done</c>-style Responses events with fresh matchers, the rest masked each on its own);
    /// anything else is one raw slot.
    /// </summary>
    private SseDataKind ScanData(ReadOnlySpan<byte> data)
    {
        if (!_json.Scan(data))
        {
            return ScanRaw(data);
        }

        var type = _json.Decoded(_json.TypeToken);
        var kind = _json.HasChoices ? StreamKey.Chat
            : type.StartsWith("response."u8) ? StreamKey.Responses
            : IsAnthropicType(type) ? StreamKey.Anthropic
            : 0;
        if (kind == 0)
        {
            return ScanRaw(data);
        }

        // Responses events other than deltas carry whole texts (….done, response.completed, output_item.done):
        // each string is masked on its own, which equals the masked concatenation of its deltas.
        var fresh = kind == StreamKey.Responses && !type.EndsWith(".delta"u8);
        var anthropicRole = kind != StreamKey.Anthropic ? JsonStringRole.Other
            : type.SequenceEqual("content_block_delta"u8) ? JsonStringRole.AnthropicDelta
            : type.SequenceEqual("content_block_start"u8) ? JsonStringRole.AnthropicStart
            : JsonStringRole.Other;
        foreach (ref readonly var token in CollectionsMarshal.AsSpan(_json.Tokens))
        {
            var text = _json.Decoded(token);
            if (fresh)
            {
                _slots.Add(SseSlot.Own(MaskFresh(text)));
                continue;
            }

            var stream = TryTextKey(kind, type, anthropicRole, token, out var key) ? FindOrAddStream(key) : null;
            if (stream is null)
            {
                AddOwnSlot(text);
                continue;
            }

            var start = stream.Length;
            stream.Append(text);
            _slots.Add(SseSlot.OnStream(stream, start, start + text.Length));
        }

        return SseDataKind.Json;
    }

    /// <summary>
    /// The logical text stream a string belongs to (<paramref name="key"/>); false when it is not a text field of the
    /// schema. <paramref name="anthropicRole"/> is the role that carries text in an Anthropic event of this type
    /// (Other when the type has no text field).
    /// </summary>
    private bool TryTextKey(int kind, ReadOnlySpan<byte> type, JsonStringRole anthropicRole, in JsonStringToken token, out StreamKey key)
    {
        switch (kind)
        {
            case StreamKey.Chat when token.Role is JsonStringRole.ChatContent or JsonStringRole.ChatRefusal or JsonStringRole.ChatText:
                key = new StreamKey(StreamKey.Chat, _json.ChoiceIndex(token.Choice), (int)token.Role, -1, 0);
                return true;
            case StreamKey.Chat when token.Role == JsonStringRole.ChatArguments:
                key = new StreamKey(StreamKey.Chat, _json.ChoiceIndex(token.Choice), (int)token.Role, _json.ToolIndex(token.Choice, token.Tool), 0);
                return true;
            case StreamKey.Responses when token.Role == JsonStringRole.ResponsesDelta:
                // Items are keyed by item_id (ids >= 0) or, without one, by output_index (keys <= -10).
                var typeId = Intern(type);
                long item = _json.ItemIdToken >= 0 ? Intern(_json.Decoded(_json.ItemIdToken)) : -10 - _json.OutputIndex;
                key = new StreamKey(StreamKey.Responses, typeId, item, _json.ContentIndex, _json.SummaryIndex);
                return typeId >= 0 && item != -1;
            case StreamKey.Anthropic when anthropicRole != JsonStringRole.Other && token.Role == anthropicRole:
                key = new StreamKey(StreamKey.Anthropic, _json.RootIndex, (int)token.Field, 0, 0);
                return true;
            default:
                key = default;
                return false;
        }
    }

    private static bool IsAnthropicType(ReadOnlySpan<byte> type) =>
        type.SequenceEqual("content_block_delta"u8) || type.SequenceEqual("content_block_start"u8)
        || type.SequenceEqual("content_block_stop"u8) || type.SequenceEqual("message_start"u8)
        || type.SequenceEqual("message_delta"u8) || type.SequenceEqual("message_stop"u8)
        || type.SequenceEqual("ping"u8) || type.SequenceEqual("error"u8);

    /// <summary>
    /// A small id for a type or item id string (allocated once per distinct value); -1 once the table is full, which
    /// masks the text on its own instead of on a stream of its own.
    /// </summary>
    private int Intern(ReadOnlySpan<byte> value)
    {
        for (var i = 0; i < _interned.Count; i++)
        {
            if (value.SequenceEqual(_interned[i]))
            {
                return i;
            }
        }

        if (_interned.Count >= 2 * _options.MaxLogicalStreams)
        {
            return -1;
        }

        _interned.Add(value.ToArray());
        return _interned.Count - 1;
    }

    private LogicalStream? FindOrAddStream(in StreamKey key)
    {
        // Consecutive text strings mostly go to the stream of the one before.
        if (_lastStream is { } last && last.Key == key)
        {
            return last;
        }

        foreach (var stream in CollectionsMarshal.AsSpan(_streams))
        {
            if (stream.Key == key)
            {
                return _lastStream = stream;
            }
        }

        return _streams.Count >= _options.MaxLogicalStreams ? null : _lastStream = AddStream(key);
    }

    private LogicalStream AddStream(StreamKey key)
    {
        var stream = new LogicalStream(_policy, key);
        _streams.Add(stream);
        return stream;
    }
}
