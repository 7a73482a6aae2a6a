using System.Buffers;
using Hush.ExtProc.Codecs;
using Hush.Policy.Matching;
using Hush.Policy.Rules;

namespace Hush.Fuzz.Targets;

/// <summary>
/// <c>codec</c>: the ext_proc body codecs (SSE, JSON, raw, chosen by content type through <see cref="BodyCodecs"/>)
/// over the default policy. A body must mask to the same bytes at the input's chunking as in one call, no exception
/// may escape (invalid input falls back to raw scanning, README "what each content type scans"), and the planted fake
/// AWS key id <see cref="PlantedKey"/> must not survive where it stands as a whole word.
/// </summary>
/// <remarks>
/// Input layout: byte 0: bits 0–1 = content type (0 <c>text/event-stream</c>, 1 <c>application/json</c>,
/// 2 <c>text/plain</c>, 3 <c>text/event-stream; charset=utf-8</c>), bit 2 = direction (0 response, 1 request),
/// bit 3 = a 2 KiB hold-back limit (SSE line and event limits 512 and 1,024 bytes, so the over-long fallbacks run)
/// instead of the service's 1 MiB, bits 4–6 = k − 1 chunk sizes follow, bit 7 = end the chunked run with an empty
/// final call instead of marking the last chunk final; bytes 1..k: chunk sizes minus one (1..256), cycled; the rest
/// is the upstream body.
/// </remarks>
internal sealed class CodecTarget : IFuzzTarget
{
    /// <summary>The fake AWS access key id the seeds plant in JSON strings and SSE deltas (matches aws-access-key-id).</summary>
    public static ReadOnlySpan<byte> PlantedKey => "AKIAQX3ZJ7WMPL4RTY2V"u8;

    private static readonly string[] s_contentTypes =
        ["text/event-stream", "application/json", "text/plain", "text/event-stream; charset=utf-8"];

    private readonly Lazy<PolicyMatcher> _response = new(() => FuzzPolicies.DefaultMatcher(RuleDirection.Response));
    private readonly Lazy<PolicyMatcher> _request = new(() => FuzzPolicies.DefaultMatcher(RuleDirection.Request));

    /// <inheritdoc />
    public string Name => "codec";

    /// <inheritdoc />
    public int MaxInputLength => 16384;

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var control = input[0];
        var count = Math.Min(((control >> 4) & 7) + 1, input.Length - 1);
        if (count <= 0)
        {
            return;
        }

        Span<int> sizes = stackalloc int[count];
        for (var i = 0; i < count; i++)
        {
            sizes[i] = input[1 + i] + 1;
        }

        var contentType = s_contentTypes[control & 3];
        var matcher = (control & 4) != 0 ? _request.Value : _response.Value;
        var maxHeldBack = (control & 8) != 0 ? 2048 : 1024 * 1024;
        var emptyFinal = (control & 128) != 0;
        var body = input[(1 + count)..];

        var whole = Mask(contentType, matcher, maxHeldBack, body, [Math.Max(1, body.Length)], emptyFinal: false);
        var chunked = Mask(contentType, matcher, maxHeldBack, body, sizes, emptyFinal);
        if (!chunked.AsSpan().SequenceEqual(whole))
        {
            var at = chunked.AsSpan().CommonPrefixLength(whole);
            throw new FuzzOracleException(
                $"{contentType}: chunked output differs from one-call output at output offset {at} (chunks " +
                $"{Describe(sizes)} cycled, empty final {emptyFinal}; body {body.Length} bytes, one-call output " +
                $"{whole.Length} bytes, chunked output {chunked.Length} bytes)");
        }

        if (FindUnmaskedKey(whole, (control & 3) is 0 or 3, (control & 3) == 1) is var offset and >= 0)
        {
            throw new FuzzOracleException($"{contentType}: the planted AWS key id survives at output offset {offset}");
        }
    }

    /// <summary>Runs <paramref name="body"/> through a new codec at chunk <paramref name="sizes"/> (cycled).</summary>
    private static byte[] Mask(
        string contentType, PolicyMatcher matcher, int maxHeldBack, ReadOnlySpan<byte> body, ReadOnlySpan<int> sizes, bool emptyFinal)
    {
        var output = new ArrayBufferWriter<byte>(Math.Max(16, body.Length));
        using var codec = BodyCodecs.Create(contentType, matcher, new CodecMatchSink(), maxHeldBack);
        var offset = 0;
        for (var i = 0; offset < body.Length; i++)
        {
            var size = Math.Clamp(sizes[i % sizes.Length], 1, body.Length - offset);
            offset += size;
            codec.Process(body.Slice(offset - size, size), final: !emptyFinal && offset == body.Length, output);
        }

        if (emptyFinal || body.IsEmpty)
        {
            codec.Process([], final: true, output);
        }

        if (codec.Position != body.Length || codec.HeldBytes != 0)
        {
            throw new FuzzOracleException(
                $"{contentType}: after the final call Position is {codec.Position} (body {body.Length}) and HeldBytes {codec.HeldBytes}");
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The output offset of a planted key that stands as a whole word (ASCII non-word bytes or the ends on both
    /// sides, so the rule's <c>\b</c> holds whatever the codec decodes), or −1. In SSE a key right after or before a
    /// quote is skipped: the codecs scan consecutive deltas as one text, so the neighbouring delta may legitimately
    /// join the key to a word. In JSON and SSE a key inside a string that may be a property name is skipped: names are
    /// not scanned (docs/json-masking.md, docs/sse-masking.md), and the check guesses one from the byte before the
    /// string's opening quote.
    /// </summary>
    private static int FindUnmaskedKey(ReadOnlySpan<byte> output, bool sse, bool json)
    {
        var key = PlantedKey;
        for (var start = 0; start <= output.Length - key.Length;)
        {
            var found = output[start..].IndexOf(key);
            if (found < 0)
            {
                return -1;
            }

            var at = start + found;
            var end = at + key.Length;
            var before = at > 0 ? output[at - 1] : (byte)' ';
            var after = end < output.Length ? output[end] : (byte)' ';
            if (IsBoundary(before, sse, isAfter: false) && IsBoundary(after, sse, isAfter: true)
                && !((json || sse) && MayBeObjectKey(output, at)))
            {
                return at;
            }

            start = at + 1;
        }

        return -1;
    }

    /// <summary>
    /// True when the nearest quote before <paramref name="at"/> follows <c>{</c> or <c>,</c> (whitespace aside), so
    /// the string may be an object key; this also skips array elements after a comma, a gap the oracle accepts.
    /// </summary>
    private static bool MayBeObjectKey(ReadOnlySpan<byte> output, int at)
    {
        var quote = output[..at].LastIndexOf((byte)'"');
        if (quote < 0)
        {
            return false;
        }

        var before = output[..quote].TrimEnd(" \t\r\n"u8);
        return !before.IsEmpty && before[^1] is (byte)'{' or (byte)',';
    }

    /// <summary>A byte that cannot join the key to a word: ASCII, not [A-Za-z0-9_], not an escape start after it.</summary>
    private static bool IsBoundary(byte b, bool sse, bool isAfter) =>
        b < 0x80 && !char.IsAsciiLetterOrDigit((char)b) && b != '_' && !(isAfter && b == '\\') && !(sse && b == '"');

    private static string Describe(ReadOnlySpan<int> sizes)
    {
        var shown = sizes.Length <= 8 ? sizes : sizes[..8];
        return $"[{string.Join(',', shown.ToArray())}]";
    }
}
