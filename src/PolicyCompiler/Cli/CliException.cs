namespace Hush.PolicyCompiler.Cli;

/// <summary>A problem a command reports as one <c>hushc: error:</c> line with a given exit code.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    /// <summary>The process exit code.</summary>
    public int ExitCode { get; } = exitCode;
}
