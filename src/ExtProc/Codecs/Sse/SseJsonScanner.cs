using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace Hush.ExtProc.Codecs.Sse;

/// <summary>
/// Reads one event's JSON data: every string value (decoded to UTF-8, with its position in the data and its schema
/// role) and the numbers and top-level fields the schemas key streams by. Reused for every event; it rents its
/// buffers.
/// </summary>
/// <remarks>
/// <para>Property names are matched against the schemas' names only, and a string's role depends on its path alone;
/// the codec decides afterwards which schema the event follows (top-level <c>choices</c> or <c>type</c>), because
/// JSON objects may list properties in any order.</para>
/// <para>The reference is the <see cref="Utf8JsonReader"/> walk. Two fast paths give exactly its result on the inputs
/// they accept and hand everything else to it: reuse of the previous event's parse when only some string bodies and
/// unkeyed integers changed (<c>SseJsonScanner.Reuse.cs</c>), and a strict hand-written walk
/// (<c>SseJsonScanner.Fast.cs</c>). Consecutive events of a stream differ in a few values, and the reader walk cost
/// as much as the matcher on token-sized events.</para>
/// </remarks>
internal sealed partial class SseJsonScanner : IDisposable
{
    private readonly (JsonName Name, int Index)[] _path = new (JsonName, int)[70];
    private readonly List<JsonStringToken> _tokens = [];
    private readonly List<(int Choice, long Value)> _choiceIndex = [];
    private readonly List<(int Choice, int Tool, long Value)> _toolIndex = [];
    private readonly bool _fastPaths;
    private byte[] _decoded = ArrayPool<byte>.Shared.Rent(1024);
    private int _decodedLength;
    private bool _invalid;

    /// <summary>
    /// Creates a scanner. Without <paramref name="fastPaths"/> every event goes through the
    /// <see cref="Utf8JsonReader"/> walk (the reference the fast paths are tested against).
    /// </summary>
    public SseJsonScanner(bool fastPaths = true) => _fastPaths = fastPaths;

    /// <summary>String values in document order.</summary>
    public List<JsonStringToken> Tokens => _tokens;

    /// <summary>Index in <see cref="Tokens"/> of the top-level <c>type</c>, or -1.</summary>
    public int TypeToken { get; private set; }

    /// <summary>Index in <see cref="Tokens"/> of the top-level <c>item_id</c>, or -1.</summary>
    public int ItemIdToken { get; private set; }

    /// <summary>The top-level object has a <c>choices</c> array.</summary>
    public bool HasChoices { get; private set; }

    /// <summary>Top-level <c>index</c>, or -1.</summary>
    public long RootIndex { get; private set; }

    /// <summary>Top-level <c>output_index</c>, or -1.</summary>
    public long OutputIndex { get; private set; }

    /// <summary>Top-level <c>content_index</c>, or -1.</summary>
    public long ContentIndex { get; private set; }

    /// <summary>Top-level <c>summary_index</c>, or -1.</summary>
    public long SummaryIndex { get; private set; }

    /// <summary>The decoded UTF-8 text of <paramref name="token"/>.</summary>
    public ReadOnlySpan<byte> Decoded(JsonStringToken token) => _decoded.AsSpan(token.DecodedStart, token.DecodedLength);

    /// <summary>The decoded text of the token at <paramref name="index"/>, or empty for -1.</summary>
    public ReadOnlySpan<byte> Decoded(int index) => index < 0 ? default : Decoded(_tokens[index]);

    /// <summary>
    /// Reads <paramref name="data"/>. False when it is not one complete JSON object or a string is not valid UTF-8
    /// (including escaped lone surrogates): the caller scans such data as raw bytes.
    /// </summary>
    public bool Scan(ReadOnlySpan<byte> data)
    {
        if (_fastPaths && TryReuse(data))
        {
            return true;
        }

        Reset();
        // Plain-text data is common in non-JSON streams, and so is an event cut off where the upstream stopped: reject
        // both without the reader's exception.
        var first = data.IndexOfAnyExcept(" \t\r\n"u8);
        if (first < 0 || data[first] != '{' || data[data.LastIndexOfAnyExcept(" \t\r\n"u8)] != '}')
        {
            return false;
        }

        if (_fastPaths && TryScanFast(data, first))
        {
            Remember(data);
            return true;
        }

        Reset();
        try
        {
            // Not a final block: a cut-off object makes Read return false where a final block would throw. The
            // object ends in a complete token either way, and the end check below reads the rest itself.
            var reader = new Utf8JsonReader(data, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow }));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            WalkValue(ref reader, 0);
            if (_invalid || reader.TokenType != JsonTokenType.EndObject || reader.CurrentDepth != 0
                || data[(int)reader.BytesConsumed..].IndexOfAnyExcept(" \t\r\n"u8) >= 0)
            {
                return false;
            }

            Remember(data);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // Thrown when an escaped string does not transcode (a lone surrogate escape).
            return false;
        }
    }

    private void Reset()
    {
        _lastLength = -1;
        _tokens.Clear();
        _numbers.Clear();
        _choiceIndex.Clear();
        _toolIndex.Clear();
        _decodedLength = 0;
        _invalid = false;
        TypeToken = ItemIdToken = -1;
        RootIndex = OutputIndex = ContentIndex = SummaryIndex = -1;
        HasChoices = false;
    }

    /// <summary>The <c>index</c> of the choice at array position <paramref name="choice"/> (its position if absent).</summary>
    public long ChoiceIndex(int choice)
    {
        foreach (var (c, v) in _choiceIndex)
        {
            if (c == choice)
            {
                return v;
            }
        }

        return choice;
    }

    /// <summary>The <c>index</c> of a tool call (its array position if absent).</summary>
    public long ToolIndex(int choice, int tool)
    {
        foreach (var (c, t, v) in _toolIndex)
        {
            if (c == choice && t == tool)
            {
                return v;
            }
        }

        return tool;
    }

    /// <summary>
    /// Gives back buffers a huge event made grow past 64 KiB (the next scan starts without reuse). Its tokens are
    /// invalid afterwards.
    /// </summary>
    public void Trim()
    {
        const int Large = 64 * 1024;
        if (_decoded.Length <= Large && _last.Length <= Large && _spare.Length <= Large)
        {
            return;
        }

        Dispose();
        Reset();
        _decoded = ArrayPool<byte>.Shared.Rent(1024);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_decoded.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_decoded);
        }

        _decoded = [];
        if (_last.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_last);
        }

        _last = [];
        _lastLength = -1;
        if (_spare.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_spare);
        }

        _spare = [];
    }

    /// <summary>Room for <paramref name="length"/> more decoded bytes (decoding never lengthens a string).</summary>
    private Span<byte> Reserve(int length)
    {
        if (_decoded.Length - _decodedLength < length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_decoded.Length * 2, _decodedLength + length));
            _decoded.AsSpan(0, _decodedLength).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_decoded);
            _decoded = bigger;
        }

        return _decoded.AsSpan(_decodedLength);
    }

    /// <summary>Records the string whose literal starts at <paramref name="tokenStart"/> and whose decoded bytes were just written.</summary>
    private void AddString(int tokenStart, int rawLength, int written, int depth)
    {
        if (!Utf8.IsValid(_decoded.AsSpan(_decodedLength, written)))
        {
            _invalid = true;
        }

        var role = Classify(depth, out var choice, out var tool, out var field);
        if (role == JsonStringRole.RootType)
        {
            TypeToken = _tokens.Count;
        }
        else if (role == JsonStringRole.ItemId)
        {
            ItemIdToken = _tokens.Count;
        }

        _tokens.Add(new JsonStringToken(tokenStart, rawLength + 2, _decodedLength, written, role, choice, tool, field));
        _decodedLength += written;
    }

    /// <summary>Whether a number at the current path is one the schemas key streams by (see <see cref="OnInteger"/>).</summary>
    private bool IsKeyNumber(int depth)
    {
        var p = _path;
        return depth switch
        {
            1 => p[0].Name is JsonName.Index or JsonName.OutputIndex or JsonName.ContentIndex or JsonName.SummaryIndex,
            3 => p[0].Name == JsonName.Choices && p[2].Name == JsonName.Index,
            6 => p[0].Name == JsonName.Choices && p[2].Name == JsonName.Delta && p[3].Name == JsonName.ToolCalls && p[5].Name == JsonName.Index,
            _ => false,
        };
    }

    /// <summary>Records the integers the schemas key streams by (top-level indexes, choice and tool call index).</summary>
    private void OnInteger(long value, int depth)
    {
        var p = _path;
        if (depth == 1)
        {
            switch (p[0].Name)
            {
                case JsonName.Index: RootIndex = value; break;
                case JsonName.OutputIndex: OutputIndex = value; break;
                case JsonName.ContentIndex: ContentIndex = value; break;
                case JsonName.SummaryIndex: SummaryIndex = value; break;
                default: break;
            }
        }
        else if (depth == 3 && p[0].Name == JsonName.Choices && p[2].Name == JsonName.Index)
        {
            _choiceIndex.Add((p[1].Index, value));
        }
        else if (depth == 6 && p[0].Name == JsonName.Choices && p[2].Name == JsonName.Delta
            && p[3].Name == JsonName.ToolCalls && p[5].Name == JsonName.Index)
        {
            _toolIndex.Add((p[1].Index, p[4].Index, value));
        }
    }
}
