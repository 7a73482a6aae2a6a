namespace Hush.ExtProc.Codecs.Sse;

/// <summary>SSE line syntax shared by the incremental reader and the event rewriter.</summary>
internal static class SseLines
{
    /// <summary>
    /// Finds the line starting at <paramref name="start"/> in a complete event: its content ends at
    /// <paramref name="contentEnd"/>; returns where the next line starts (after CR, LF or CR LF, or the end).
    /// </summary>
    public static int Next(ReadOnlySpan<byte> raw, int start, out int contentEnd)
    {
        var i = raw[start..].IndexOfAny((byte)'\r', (byte)'\n');
        if (i < 0)
        {
            contentEnd = raw.Length;
            return raw.Length;
        }

        contentEnd = start + i;
        var next = contentEnd + 1;
        if (raw[contentEnd] == '\r' && next < raw.Length && raw[next] == '\n')
        {
            next++;
        }

        return next;
    }

    /// <summary>
    /// Whether a non-empty line is a <c>data</c> field; if so <paramref name="valueOffset"/> is where its value starts
    /// (after the colon and one optional space, per the SSE spec).
    /// </summary>
    public static bool IsData(ReadOnlySpan<byte> line, out int valueOffset)
    {
        valueOffset = line.Length;
        if (!line.StartsWith("data"u8))
        {
            return false;
        }

        if (line.Length == 4)
        {
            return true;
        }

        if (line[4] != ':')
        {
            return false;
        }

        valueOffset = line.Length > 5 && line[5] == ' ' ? 6 : 5;
        return true;
    }
}
