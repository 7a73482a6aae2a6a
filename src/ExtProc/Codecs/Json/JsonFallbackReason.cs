namespace Hush.ExtProc.Codecs.Json;

/// <summary>Why a JSON body stopped being tokenized and the rest was scanned as raw bytes (a metric label).</summary>
internal enum JsonFallbackReason
{
    /// <summary>The body was valid JSON so far: no fallback.</summary>
    None,

    /// <summary>A byte that JSON does not allow where it appeared (structure, literal, number, control character in a string).</summary>
    UnexpectedByte,

    /// <summary>A backslash escape other than <c>\" \\ \/ \b \f \n \r \t \uXXXX</c>.</summary>
    InvalidEscape,

    /// <summary>A string held bytes that are not well-formed UTF-8.</summary>
    InvalidUtf8,

    /// <summary>The body ended inside a value (unterminated string, open container, partial literal).</summary>
    Truncated,

    /// <summary>Objects and arrays nested deeper than <see cref="JsonCodecOptions.MaxDepth"/>.</summary>
    TooDeep,
}
