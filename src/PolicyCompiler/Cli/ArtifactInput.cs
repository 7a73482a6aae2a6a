using Hush.Policy.Format;
using Hush.Policy.Rules;

namespace Hush.PolicyCompiler.Cli;

/// <summary>Reading an artifact for a command, separating "cannot read" (exit 3) from "invalid" (exit 4).</summary>
internal static class ArtifactInput
{
    /// <summary>Reads and validates <paramref name="path"/>.</summary>
    /// <exception cref="CliException">The file does not exist or cannot be opened (exit 3).</exception>
    /// <exception cref="ArtifactFormatException">The file is not a valid artifact (exit 4).</exception>
    public static CompiledPolicy Read(string path)
    {
        try
        {
            // Probe readability first: the reader reports every failure as a format error.
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.IoError, $"cannot read {path}: {e.Message}");
        }

        return ArtifactReader.ReadFile(path);
    }
}
