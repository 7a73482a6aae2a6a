namespace Hush.PolicyCompiler.Import;

/// <summary>
/// The <c>max_length</c> the importer writes for an unbounded foreign pattern, which our language requires
/// (the streaming matcher holds back at most that many bytes per rule).
/// </summary>
internal static class ImportLimits
{
    /// <summary>Longest match of an unbounded token-like rule: generous for tokens, JWTs and connection strings.</summary>
    public const int TokenMaxLength = 1024;

    /// <summary>Longest match of an unbounded PEM-like block (a 4096-bit RSA key in PEM is ~3.3 KB).</summary>
    public const int BlockMaxLength = 8192;

    /// <summary>The <c>max_length</c> for a pattern of this shape, or null when the pattern is bounded.</summary>
    public static int? MaxLengthFor(PatternShape shape) =>
        !shape.Unbounded ? null : shape.PemLike ? BlockMaxLength : TokenMaxLength;
}
