namespace Hush.PolicyCompiler.Analysis;

/// <summary>A pattern that parses but cannot be compiled as a rule (matches empty, unbounded without max_length, …).</summary>
/// <param name="offset">Offset in the pattern text of the construct at fault (0 when it concerns the whole pattern).</param>
/// <param name="message">What is wrong and how to fix it.</param>
internal sealed class RuleAnalysisException(int offset, string message) : Exception(message)
{
    /// <summary>Offset in the pattern text of the construct at fault.</summary>
    public int Offset { get; } = offset;
}
