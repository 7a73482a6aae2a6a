namespace Hush.PolicyCompiler.Cli;

/// <summary>Process exit codes of <c>hushc</c> (documented in docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The policy has errors, a <c>tests:</c> case failed, or an imported rule file is malformed.</summary>
    public const int PolicyFailure = 1;

    /// <summary>The command line is wrong.</summary>
    public const int Usage = 2;

    /// <summary>A file could not be read or written.</summary>
    public const int IoError = 3;

    /// <summary>An artifact is truncated, corrupted or of another format version.</summary>
    public const int ArtifactInvalid = 4;
}
