namespace Hush.PolicyCompiler.Policies;

/// <summary>One problem found in a policy, printed as <c>file:line:col: error: message</c>.</summary>
/// <param name="File">The file name as the user gave it.</param>
/// <param name="Position">1-based line and column of the offending construct.</param>
/// <param name="Message">What is wrong; never contains a matched secret.</param>
internal sealed record Diagnostic(string File, SourcePosition Position, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Position.Line}:{Position.Column}: error: {Message}";
}
