using System.Buffers;
using System.Runtime.InteropServices;

namespace Hush.ExtProc.Codecs.Sse;

internal sealed partial class LogicalStream
{
    /// <summary>
    /// Writes the masked text of a raw slot scanned on two streams (<paramref name="first"/> at [start, ownEnd),
    /// <paramref name="second"/> at [start2, ownEnd2)), masking every byte either stream replaced.
    /// </summary>
    /// <remarks>
    /// <para>Both streams' replacements are taken in slot-relative offsets, ordered by start (the first stream's
    /// first on a tie), like the overlapping spans of one matcher: a replacement that starts at or after everything
    /// handled so far is written whole here; one that starts inside an earlier replacement (of either stream, or in an
    /// earlier slot) is merged into it: its bytes are dropped and its text is not written. So a key both streams find
    /// gets one placeholder, and no byte either stream masked is released.</para>
    /// <para>Each slot decides alone from the replacements that touch it, so the rule of <see cref="Render"/> holds
    /// across slots: a replacement is written only by the slot where it starts, later slots drop the bytes it covers.
    /// A replacement of the second stream may start on the LF separator after the data (offset = data length): it is
    /// written at the end of the data.</para>
    /// </remarks>
    public static void RenderUnion(
        LogicalStream first, long start, long ownEnd, LogicalStream second, long start2, long ownEnd2,
        ReadOnlySpan<byte> original, IBufferWriter<byte> output)
    {
        var a = CollectionsMarshal.AsSpan(first._replacements);
        var b = CollectionsMarshal.AsSpan(second._replacements);
        var i = Skip(a, start);
        var j = Skip(b, start2);
        long length = original.Length;
        var cursor = 0L;
        while (true)
        {
            var hasA = i < a.Length && a[i].Start < ownEnd;
            var hasB = j < b.Length && b[j].Start < ownEnd2;
            if (!hasA && !hasB)
            {
                break;
            }

            SseReplacement r;
            long origin;
            if (hasA && (!hasB || a[i].Start - start <= b[j].Start - start2))
            {
                r = a[i++];
                origin = start;
            }
            else
            {
                r = b[j++];
                origin = start2;
            }

            var relStart = r.Start - origin;
            var relEnd = r.End - origin;
            if (relStart < cursor)
            {
                // Starts in an earlier slot or inside a replacement already handled: merged, bytes dropped.
                cursor = Math.Max(cursor, relEnd);
                continue;
            }

            if (relStart > cursor && cursor < length)
            {
                output.Write(original[(int)cursor..(int)Math.Min(relStart, length)]);
            }

            output.Write(r.Output);
            cursor = relEnd;
        }

        if (cursor < length)
        {
            output.Write(original[(int)cursor..]);
        }
    }

    /// <summary>Index of the first replacement that ends after <paramref name="start"/>.</summary>
    private static int Skip(ReadOnlySpan<SseReplacement> replacements, long start)
    {
        var i = 0;
        while (i < replacements.Length && replacements[i].End <= start)
        {
            i++;
        }

        return i;
    }
}
