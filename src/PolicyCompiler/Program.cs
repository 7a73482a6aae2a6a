namespace Hush.PolicyCompiler;

/// <summary>Entry point of <c>hushc</c>; command-line parsing lives in <c>Cli/</c>.</summary>
internal static class Program
{
    private static int Main(string[] args) => args.Length == 0 ? 2 : 2;
}
