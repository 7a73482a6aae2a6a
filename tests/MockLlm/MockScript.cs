namespace Hush.MockLlm;

/// <summary>
/// What the mock answers and how it cuts the answer on the wire: the text, its split into events (tokens), the cut
/// of the serialized byte stream into flushed writes, pacing, status, extra headers and compression. Immutable, so
/// one script can serve concurrent requests; also the JSON shape of a script file entry.
/// </summary>
public sealed record MockScript
{
    /// <summary>Fake AWS access key id in the demo answer; the default policy's rule <c>aws-access-key-id</c> masks it.</summary>
    public const string DemoSecret = "AKIAQ7XW3MZK5TRV2HNB";

    /// <summary>
    /// Demo answer: the fake AWS key is split across two content events (<c>AKIAQ7XW3M</c> | <c>ZK5TRV2HNB</c>), so
    /// only a scanner that reassembles streamed text can catch it; one flushed write per event.
    /// </summary>
    public static MockScript Demo { get; } = new()
    {
        Tokens =
        [
            "Sure. The deploy script uses the access key ",
            DemoSecret[..10],
            DemoSecret[10..],
            " with the region eu-west-1. Rotate it after the test.",
        ],
    };

    /// <summary>
    /// Demo answer with the whole fake key inside one content event, but the byte stream cut into 7-byte writes,
    /// so the key straddles several transport chunks (a raw-byte streaming scanner catches it).
    /// </summary>
    public static MockScript DemoOneEvent { get; } = new()
    {
        Tokens = ["Sure. The deploy script uses the access key " + DemoSecret + " with the region eu-west-1."],
        WriteSizes = [7],
    };

    /// <summary>Answer text; ignored when <see cref="Tokens"/> is set.</summary>
    public string Text { get; init; } = "Hello from the mock LLM.";

    /// <summary>Explicit event contents (one content delta each); overrides <see cref="Text"/> and <see cref="TokenSizes"/>.</summary>
    public IReadOnlyList<string>? Tokens { get; init; }

    /// <summary>Characters per content event, used in order and cycled; empty means the whole text in one event.</summary>
    public IReadOnlyList<int> TokenSizes { get; init; } = [4];

    /// <summary>
    /// Byte sizes of the flushed writes of the serialized (and, with <see cref="Gzip"/>, compressed) body, used in
    /// order and cycled. Empty (and <see cref="RandomWriteMax"/> 0) means one write per event.
    /// </summary>
    public IReadOnlyList<int> WriteSizes { get; init; } = [];

    /// <summary>When above 0 (and <see cref="WriteSizes"/> empty), writes get seeded random sizes in 1..this value.</summary>
    public int RandomWriteMax { get; init; }

    /// <summary>Seed for <see cref="RandomWriteMax"/>, so a random cut is reproducible.</summary>
    public int RandomSeed { get; init; } = 1;

    /// <summary>Pause before every write after the first (zero for none).</summary>
    public TimeSpan WriteDelay { get; init; }

    /// <summary>HTTP status; 400 and above answers with the provider's error JSON (message = <see cref="Text"/>) unless <see cref="RawBody"/> is set.</summary>
    public int StatusCode { get; init; } = 200;

    /// <summary>Extra response headers (set after the defaults, so they can override <c>content-type</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Gzip the body (sync-flushed per event) and send <c>content-encoding: gzip</c>, to test compressed responses.</summary>
    public bool Gzip { get; init; }

    /// <summary>When set, this exact body (UTF-8) is sent instead of a provider-shaped answer, still cut by the write rules.</summary>
    public string? RawBody { get; init; }

    /// <summary>Content events of the answer, per <see cref="Tokens"/> or <see cref="Text"/> and <see cref="TokenSizes"/>.</summary>
    public IReadOnlyList<string> SplitTokens()
    {
        if (Tokens is not null)
        {
            return Tokens;
        }

        if (TokenSizes.Count == 0 || Text.Length == 0)
        {
            return [Text];
        }

        var tokens = new List<string>();
        var position = 0;
        var index = 0;
        while (position < Text.Length)
        {
            var size = Math.Max(1, TokenSizes[index++ % TokenSizes.Count]);
            var end = Math.Min(Text.Length, position + size);
            // Never cut a surrogate pair: a lone surrogate cannot be serialized as valid UTF-8.
            if (end < Text.Length && char.IsHighSurrogate(Text[end - 1]))
            {
                end++;
            }

            tokens.Add(Text[position..end]);
            position = end;
        }

        return tokens;
    }

    /// <summary>The full answer text (the concatenation of <see cref="SplitTokens"/>).</summary>
    public string FullText() => Tokens is null ? Text : string.Concat(Tokens);
}
