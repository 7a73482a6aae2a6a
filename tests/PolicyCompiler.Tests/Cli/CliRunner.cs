using System.Text;

namespace Hush.PolicyCompiler.Tests.Cli;

/// <summary>Runs <c>hushc</c> in-process with captured streams, in a private temporary directory.</summary>
internal sealed class CliRunner : IDisposable
{
    public CliRunner() => Directory.CreateDirectory(Dir);

    /// <summary>A fresh directory for this test's files.</summary>
    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "hushc-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>A path inside <see cref="Dir"/>.</summary>
    public string PathOf(string name) => Path.Combine(Dir, name);

    /// <summary>Writes a file in <see cref="Dir"/> and returns its path.</summary>
    public string Write(string name, string text)
    {
        var path = PathOf(name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    /// <summary>Runs hushc; returns exit code, stdout bytes and stderr text.</summary>
    public static (int Code, byte[] Out, string Err) Run(byte[] stdin, params string[] args)
    {
        using var input = new MemoryStream(stdin);
        using var output = new MemoryStream();
        using var error = new StringWriter();
        var code = Program.Run(args, input, output, error);
        return (code, output.ToArray(), error.ToString());
    }

    /// <summary>Runs hushc with empty stdin; stdout as text.</summary>
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var (code, output, error) = Run([], args);
        return (code, Encoding.UTF8.GetString(output), error);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail a test.
        }
    }
}
