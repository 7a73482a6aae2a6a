using System.IO.Compression;

namespace Hush.MockLlm.Serving;

/// <summary>Turns serialized events into the exact list of writes a script asks for (optionally gzip-compressed first).</summary>
internal static class WritePlan
{
    /// <summary>Cuts <paramref name="events"/> into writes per the script's write rules.</summary>
    public static List<byte[]> Build(IReadOnlyList<byte[]> events, MockScript script)
    {
        var segments = script.Gzip ? Compress(events) : events;
        if (script.WriteSizes.Count == 0 && script.RandomWriteMax <= 0)
        {
            var natural = new List<byte[]>(segments.Count);
            foreach (var segment in segments)
            {
                if (segment.Length > 0)
                {
                    natural.Add(segment);
                }
            }

            return natural;
        }

        var whole = Concat(segments);
        var writes = new List<byte[]>();
        var random = new Random(script.RandomSeed);
        var position = 0;
        var index = 0;
        while (position < whole.Length)
        {
            var size = script.WriteSizes.Count > 0
                ? Math.Max(1, script.WriteSizes[index++ % script.WriteSizes.Count])
                : random.Next(1, script.RandomWriteMax + 1);
            var length = Math.Min(size, whole.Length - position);
            writes.Add(whole.AsSpan(position, length).ToArray());
            position += length;
        }

        return writes;
    }

    /// <summary>
    /// Gzips the events with a sync flush after each one, so every compressed segment can be decompressed as soon
    /// as it arrives (like a real streaming gzip proxy); the gzip trailer joins the last segment.
    /// </summary>
    private static List<byte[]> Compress(IReadOnlyList<byte[]> events)
    {
        var segments = new List<byte[]>(events.Count);
        using var output = new MemoryStream();
        long taken = 0;
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            foreach (var item in events)
            {
                gzip.Write(item);
                gzip.Flush();
                segments.Add(output.GetBuffer().AsSpan((int)taken, (int)(output.Length - taken)).ToArray());
                taken = output.Length;
            }
        }

        var tail = output.GetBuffer().AsSpan((int)taken, (int)(output.Length - taken)).ToArray();
        if (segments.Count == 0)
        {
            segments.Add(tail);
        }
        else
        {
            segments[^1] = Concat([segments[^1], tail]);
        }

        return segments;
    }

    private static byte[] Concat(IReadOnlyList<byte[]> parts)
    {
        var total = 0;
        foreach (var part in parts)
        {
            total += part.Length;
        }

        var whole = new byte[total];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(whole, offset);
            offset += part.Length;
        }

        return whole;
    }
}
