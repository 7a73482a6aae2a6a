namespace Hush.PolicyCompiler.Import;

/// <summary>
/// What the importer needs to know about a foreign pattern without parsing it fully: how many capture groups
/// it has, whether a quantifier makes it unbounded, and whether it describes a PEM-like block.
/// </summary>
/// <remarks>
/// This is a lexical scan, not the compiler's parser: the importer must work (and write a policy that the
/// compiler then judges) even for patterns the dialect rejects, so it never fails. It understands escapes,
/// classes, <c>(?#…)</c> comments and <c>(?x)</c> free spacing with its scoping, which is all it takes to
/// find groups and quantifiers reliably.
/// </remarks>
/// <param name="CaptureGroups">Number of capturing groups (plain, <c>(?P&lt;n&gt;</c> and <c>(?&lt;n&gt;</c>).</param>
/// <param name="Unbounded">Whether some quantifier is <c>*</c>, <c>+</c> or <c>{n,}</c>.</param>
/// <param name="PemLike">Whether the pattern mentions <c>BEGIN</c>, as PEM armour does.</param>
/// <param name="FirstGroupAlwaysTakesPart">
/// Whether capture group 1 takes part in every match: no enclosing alternation, and neither it nor an enclosing
/// group is optional (<c>?</c>, <c>*</c>, <c>{0,n}</c>).
/// </param>
/// <param name="LargeRepeats">Counted repetitions with a count above <see cref="CountLimit"/>, in pattern order.</param>
internal sealed partial record PatternShape(
    int CaptureGroups, bool Unbounded, bool PemLike, bool FirstGroupAlwaysTakesPart, IReadOnlyList<CountedRepeat> LargeRepeats)
{
    /// <summary>Largest repetition count our dialect accepts (as RE2).</summary>
    public const int CountLimit = 1000;

    /// <summary>Scans <paramref name="pattern"/>.</summary>
    public static PatternShape Analyze(string pattern)
    {
        var scan = new Scanner(pattern);
        scan.Run();
        return new PatternShape(scan.Captures, scan.Unbounded, pattern.Contains("BEGIN", StringComparison.Ordinal),
            scan.FirstGroupAlwaysTakesPart, scan.LargeRepeats);
    }
}
