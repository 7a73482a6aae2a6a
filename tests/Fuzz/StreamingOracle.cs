using System.Buffers;
using Hush.Policy.Matching;

namespace Hush.Fuzz;

/// <summary>
/// The matcher's differential oracle: streaming a text in chunks must give exactly the output and the confirmed
/// matches of one whole-buffer <c>Write</c> (docs/architecture.md, "Streaming and the hold-back rule").
/// </summary>
internal static class StreamingOracle
{
    /// <summary>Checks every chunking whose sizes (cycled) are one entry of <paramref name="constantSizes"/>.</summary>
    public static void Check(PolicyMatcher matcher, ReadOnlySpan<byte> text, ReadOnlySpan<int> constantSizes)
    {
        var (expected, expectedEvents) = Mask(matcher, text, [text.Length]);
        foreach (var size in constantSizes)
        {
            Compare(matcher, text, [size], expected, expectedEvents);
        }
    }

    /// <summary>Checks one chunking: <paramref name="sizes"/> cycled until the text is consumed.</summary>
    public static void CheckChunked(PolicyMatcher matcher, ReadOnlySpan<byte> text, ReadOnlySpan<int> sizes)
    {
        var (expected, expectedEvents) = Mask(matcher, text, [text.Length]);
        Compare(matcher, text, sizes, expected, expectedEvents);
    }

    private static void Compare(
        PolicyMatcher matcher, ReadOnlySpan<byte> text, ReadOnlySpan<int> sizes, byte[] expected, List<MatchEvent> expectedEvents)
    {
        var (actual, events) = Mask(matcher, text, sizes);
        var chunking = Describe(sizes);
        if (!actual.AsSpan().SequenceEqual(expected))
        {
            var at = actual.AsSpan().CommonPrefixLength(expected);
            throw new FuzzOracleException(
                $"chunked output differs from whole-buffer output at output offset {at} (chunks {chunking}; " +
                $"input {text.Length} bytes, whole output {expected.Length} bytes, chunked output {actual.Length} bytes)");
        }

        if (events.Count != expectedEvents.Count)
        {
            throw new FuzzOracleException($"chunks {chunking}: {events.Count} match events, whole buffer {expectedEvents.Count}");
        }

        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] != expectedEvents[i])
            {
                throw new FuzzOracleException($"chunks {chunking}: match event {i} is {events[i]}, whole buffer {expectedEvents[i]}");
            }
        }
    }

    /// <summary>Streams <paramref name="text"/> through a new stream; events are sorted so their order cannot differ.</summary>
    private static (byte[] Output, List<MatchEvent> Events) Mask(PolicyMatcher matcher, ReadOnlySpan<byte> text, ReadOnlySpan<int> sizes)
    {
        var output = new ArrayBufferWriter<byte>(Math.Max(16, text.Length));
        var stream = matcher.CreateStream();
        var offset = 0;
        for (var i = 0; offset < text.Length; i++)
        {
            var size = Math.Clamp(sizes[i % sizes.Length], 1, text.Length - offset);
            stream.Write(text.Slice(offset, size), output);
            offset += size;
        }

        stream.Complete(output);
        var events = new List<MatchEvent>(stream.Events.ToArray());
        events.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start)
            : a.End != b.End ? a.End.CompareTo(b.End) : a.RuleIndex.CompareTo(b.RuleIndex));
        return (output.WrittenSpan.ToArray(), events);
    }

    private static string Describe(ReadOnlySpan<int> sizes)
    {
        var shown = sizes.Length <= 8 ? sizes : sizes[..8];
        return $"[{string.Join(',', shown.ToArray())}{(sizes.Length > 8 ? ",…" : "")}] cycled";
    }
}
