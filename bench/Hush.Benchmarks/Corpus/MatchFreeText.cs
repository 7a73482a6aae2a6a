using Hush.Benchmarks.Infrastructure;
using Hush.Policy.Matching;

namespace Hush.Benchmarks.Corpus;

/// <summary>
/// Text of the corpus kinds on which a matcher confirms nothing: generated without planted secrets, then every
/// line on which the matcher still reports a mask or hold (generic rules firing on ids and hashes) is removed.
/// Used to measure the steady-state cost of a Write, where nothing should be allocated.
/// </summary>
internal static class MatchFreeText
{
    /// <summary>Size of the generated text before lines are removed.</summary>
    public const int Bytes = 8 * 1024 * 1024;

    /// <summary>Builds the text for <paramref name="matcher"/>; <paramref name="removedLines"/> counts dropped lines.</summary>
    public static byte[] Build(PolicyMatcher matcher, out int removedLines)
    {
        var text = CorpusGenerator.Generate(CorpusGenerator.DefaultSeed + 1, Bytes, plant: false).Bytes;
        removedLines = 0;
        for (var round = 0; round < 4; round++)
        {
            var spans = Events(matcher, text);
            if (spans.Count == 0)
            {
                return text;
            }

            text = RemoveLines(text, spans, ref removedLines);
        }

        throw new InvalidOperationException("could not make text the matcher confirms nothing in");
    }

    private static List<(long Start, long End)> Events(PolicyMatcher matcher, byte[] text)
    {
        var spans = new List<(long, long)>();
        var stream = matcher.CreateStream();
        var output = new CountingBufferWriter();
        for (var offset = 0; offset < text.Length; offset += 65536)
        {
            stream.Write(text.AsSpan(offset, Math.Min(65536, text.Length - offset)), output);
            foreach (var e in stream.Events)
            {
                spans.Add((e.Start, e.End));
            }

            stream.ClearEvents();
        }

        stream.Complete(output);
        foreach (var e in stream.Events)
        {
            spans.Add((e.Start, e.End));
        }

        return spans;
    }

    private static byte[] RemoveLines(byte[] text, List<(long Start, long End)> spans, ref int removedLines)
    {
        var remove = new bool[text.Length];
        foreach (var (start, end) in spans)
        {
            var from = text.AsSpan(0, (int)Math.Min(start, text.Length)).LastIndexOf((byte)'\n') + 1;
            var lineEnd = text.AsSpan((int)Math.Min(end, text.Length)).IndexOf((byte)'\n');
            var to = lineEnd < 0 ? text.Length : (int)Math.Min(end, text.Length) + lineEnd + 1;
            remove.AsSpan(from, to - from).Fill(true);
            removedLines++;
        }

        var kept = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (!remove[i])
            {
                kept.Add(text[i]);
            }
        }

        return [.. kept];
    }
}
