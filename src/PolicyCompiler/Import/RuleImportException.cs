namespace Hush.PolicyCompiler.Import;

/// <summary>A rule file that cannot be imported at all: unreadable, malformed, or of the wrong shape.</summary>
/// <param name="file">The offending file.</param>
/// <param name="line">1-based line, or 0 when unknown.</param>
/// <param name="column">1-based column, or 0 when unknown.</param>
/// <param name="detail">What is wrong.</param>
internal sealed class RuleImportException(string file, int line, int column, string detail)
    : Exception($"{file}:{Math.Max(line, 1)}:{Math.Max(column, 1)}: error: {detail}")
{
    /// <summary>The offending file.</summary>
    public string File { get; } = file;

    /// <summary>1-based line, or 0 when unknown.</summary>
    public int Line { get; } = line;

    /// <summary>1-based column, or 0 when unknown.</summary>
    public int Column { get; } = column;

    /// <summary>What is wrong, without the location prefix.</summary>
    public string Detail { get; } = detail;
}
