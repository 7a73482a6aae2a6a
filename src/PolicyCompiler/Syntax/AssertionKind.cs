namespace Hush.PolicyCompiler.Syntax;

/// <summary>Zero-width assertions of the dialect (all ASCII-based, as in RE2).</summary>
internal enum AssertionKind
{
    /// <summary><c>\A</c>, or <c>^</c> without <c>(?m)</c>.</summary>
    TextStart,

    /// <summary><c>\z</c>, or <c>$</c> without <c>(?m)</c>.</summary>
    TextEnd,

    /// <summary><c>^</c> with <c>(?m)</c>: at text start or after <c>\n</c>.</summary>
    LineStart,

    /// <summary><c>$</c> with <c>(?m)</c>: at text end or before <c>\n</c>.</summary>
    LineEnd,

    /// <summary><c>\b</c>: between an ASCII word byte and a non-word byte (or a text edge).</summary>
    WordBoundary,

    /// <summary><c>\B</c>: not at a word boundary.</summary>
    NotWordBoundary,
}
