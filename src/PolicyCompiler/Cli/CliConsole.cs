using System.Text;

namespace Hush.PolicyCompiler.Cli;

/// <summary>The streams a command uses, injected so commands run in-process under test.</summary>
internal sealed class CliConsole : IDisposable
{
    /// <summary>Wraps the given streams; <paramref name="stdout"/> stays open after disposal.</summary>
    public CliConsole(Stream stdin, Stream stdout, TextWriter stderr)
    {
        StdIn = stdin;
        StdOut = stdout;
        Error = stderr;
        Out = new StreamWriter(stdout, new UTF8Encoding(false), 4096, leaveOpen: true) { NewLine = "\n" };
    }

    /// <summary>Binary standard input (for <c>scan</c>).</summary>
    public Stream StdIn { get; }

    /// <summary>Binary standard output (for <c>scan</c>); flush <see cref="Out"/> before writing to it.</summary>
    public Stream StdOut { get; }

    /// <summary>Text standard output.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>Writes <c>hushc: error: message</c> to standard error.</summary>
    public void Fail(string message) => Error.WriteLine($"hushc: error: {message}");

    /// <inheritdoc />
    public void Dispose()
    {
        Out.Flush();
        Out.Dispose();
        StdOut.Flush();
        Error.Flush();
    }
}
