namespace Hush.PolicyCompiler.Syntax;

/// <summary>A pattern that is malformed or uses a construct the dialect rejects.</summary>
/// <param name="offset">Offset of the offending construct in the pattern text.</param>
/// <param name="message">What is wrong, e.g. "lookahead `(?=` is not supported (why)".</param>
internal sealed class RegexSyntaxException(int offset, string message) : Exception(message)
{
    /// <summary>Offset of the offending construct in the pattern text.</summary>
    public int Offset { get; } = offset;
}
