namespace Hush.PolicyCompiler.Syntax;

/// <summary>Inline flags in effect while parsing; scoped to the enclosing group.</summary>
[Flags]
internal enum RegexFlags
{
    /// <summary>No flag set.</summary>
    None = 0,

    /// <summary><c>i</c>: ASCII letters match both cases.</summary>
    IgnoreCase = 1,

    /// <summary><c>m</c>: <c>^</c>/<c>$</c> match at line boundaries.</summary>
    Multiline = 2,

    /// <summary><c>s</c>: <c>.</c> matches <c>\n</c>.</summary>
    DotAll = 4,

    /// <summary><c>U</c>: quantifiers are lazy by default and <c>?</c> makes them greedy.</summary>
    Ungreedy = 8,

    /// <summary><c>x</c>: white space is ignored and <c>#</c> starts a comment.</summary>
    FreeSpacing = 16,
}
