using Hush.PolicyCompiler.Compilation;
using Hush.PolicyCompiler.Policies;

namespace Hush.PolicyCompiler.Cli;

/// <summary>Loading and compiling a policy for a command, printing diagnostics the house way.</summary>
internal static class PolicyInput
{
    /// <summary>Loads <paramref name="path"/>; prints every diagnostic and returns null when there are any.</summary>
    /// <exception cref="CliException">The file cannot be read (exit code 3).</exception>
    public static PolicyDocument? Load(CliConsole console, string path)
    {
        PolicyLoadResult result;
        try
        {
            result = PolicyLoader.LoadFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.IoError, $"cannot read {path}: {e.Message}");
        }

        Print(console, result.Diagnostics);
        return result.Success ? result.Document : null;
    }

    /// <summary>Loads and compiles; prints diagnostics and returns null on any problem.</summary>
    public static CompilationResult? Compile(CliConsole console, string path, CompilationOptions options)
    {
        var document = Load(console, path);
        if (document is null)
        {
            return null;
        }

        var result = PolicyCompilation.Compile(document, options);
        Print(console, result.Diagnostics);
        return result.Success ? result : null;
    }

    /// <summary>Prints one line per diagnostic to standard error.</summary>
    public static void Print(CliConsole console, IReadOnlyList<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            console.Error.WriteLine(diagnostic.ToString());
        }
    }
}
