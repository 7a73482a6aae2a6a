namespace Hush.ExtProc.Codecs.Sse;

/// <summary>
/// Identifies one logical text stream of a body: the provider schema (<paramref name="Kind"/>) and up to four
/// schema-specific coordinates (choice index and field, content block index and field, item and content index).
/// </summary>
internal readonly record struct StreamKey(int Kind, long A, long B, long C, long D)
{
    /// <summary>Field-wise equality (the record's generated one goes through the default comparers and is not inlined).</summary>
    public bool Equals(StreamKey other) => Kind == other.Kind && A == other.A && B == other.B && C == other.C && D == other.D;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, A, B, C, D);

    /// <summary>OpenAI Chat Completions: A = choice index, B = field, C = tool call index.</summary>
    public const int Chat = 1;

    /// <summary>OpenAI Responses: A = event type, B = item, C = content index, D = summary index.</summary>
    public const int Responses = 2;

    /// <summary>Anthropic Messages: A = content block index, B = field.</summary>
    public const int Anthropic = 3;

    /// <summary>
    /// The data of events with unknown shape or invalid JSON: A = 0 the joined stream (all such data concatenated),
    /// A = 1 the separated stream (each event's data followed by an LF).
    /// </summary>
    public const int Raw = 5;
}
