namespace Hush.ExtProc.Codecs.Json;

/// <summary>Where the JSON tokenizer is between bytes.</summary>
internal enum JsonParseState
{
    /// <summary>A value must come (top level, after <c>:</c>, after <c>,</c> in an array).</summary>
    Value,

    /// <summary>Just after <c>[</c>: a value or <c>]</c>.</summary>
    ArrayFirst,

    /// <summary>Just after <c>{</c>: a key or <c>}</c>.</summary>
    ObjectFirst,

    /// <summary>After <c>,</c> in an object: a key.</summary>
    Key,

    /// <summary>After a key: <c>:</c>.</summary>
    Colon,

    /// <summary>After a value: <c>,</c> or the closing bracket (at top level: whitespace or another value).</summary>
    AfterValue,

    /// <summary>Inside a string (key or value).</summary>
    String,

    /// <summary>Inside a number.</summary>
    Number,

    /// <summary>Inside <c>true</c>, <c>false</c> or <c>null</c>.</summary>
    Literal,

    /// <summary>Fallen back: the rest of the body goes to the raw matcher.</summary>
    Failed,
}
