namespace Hush.ExtProc.Codecs.Json;

/// <summary>Where the string tokenizer is inside a string.</summary>
internal enum JsonStringState
{
    /// <summary>Between units.</summary>
    Normal,

    /// <summary>Inside a multi-byte UTF-8 character.</summary>
    Utf8,

    /// <summary>After a backslash.</summary>
    Escape,

    /// <summary>Reading the four hex digits of <c>\u</c>.</summary>
    Hex,

    /// <summary>After a high surrogate escape: a backslash may start its low surrogate.</summary>
    LowBackslash,

    /// <summary>After a high surrogate escape and a backslash: <c>u</c> continues the pair.</summary>
    LowU,
}
