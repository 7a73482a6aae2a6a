namespace Hush.ExtProc.Codecs;

/// <summary>The media type of a <c>content-type</c> value: parameters dropped, whitespace trimmed.</summary>
internal static class MediaType
{
    /// <summary><c>text/event-stream; charset=utf-8</c> → <c>text/event-stream</c>.</summary>
    public static ReadOnlySpan<char> Of(string contentType)
    {
        var semi = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semi >= 0 ? contentType.AsSpan(0, semi) : contentType.AsSpan()).Trim();
    }
}
