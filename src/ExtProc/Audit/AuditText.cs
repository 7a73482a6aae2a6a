using System.Text;

namespace Hush.ExtProc.Audit;

/// <summary>Caps masked text to a UTF-8 byte budget without splitting a character.</summary>
internal static class AuditText
{
    /// <summary>Returns <paramref name="text"/> cut to at most <paramref name="maxBytes"/> UTF-8 bytes, and whether it was cut.</summary>
    public static (string? Text, bool Truncated) Cap(string? text, int maxBytes)
    {
        if (text is null || Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return (text, false);
        }

        // Walk by whole code points so a surrogate pair is never split into invalid UTF-16.
        var bytes = 0;
        var i = 0;
        while (i < text.Length)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(text.AsSpan(i, width));
            if (bytes + size > maxBytes)
            {
                break;
            }

            bytes += size;
            i += width;
        }

        return (text[..i], true);
    }
}
