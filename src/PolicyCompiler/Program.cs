using Hush.PolicyCompiler.Cli;

namespace Hush.PolicyCompiler;

/// <summary>Entry point of <c>hushc</c>; command-line parsing lives in <c>Cli/</c>.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        using var stdin = Console.OpenStandardInput();
        using var stdout = Console.OpenStandardOutput();
        return Run(args, stdin, stdout, Console.Error);
    }

    /// <summary>
    /// Runs <c>hushc</c> in-process with injected streams (standard input and output are binary so <c>scan</c> is
    /// byte-exact); returns the exit code.
    /// </summary>
    internal static int Run(string[] args, Stream stdin, Stream stdout, TextWriter stderr) =>
        HushCli.Run(args, stdin, stdout, stderr);
}
