namespace Hush.Policy.Matching;

/// <summary>
/// A run every match of a rule contains: at least <see cref="Length"/> consecutive bytes from <see cref="Set"/>
/// (gitleaks' sourcegraph rule: 40 hex digits). It lets a rule with no prefilter literal sleep through text with
/// no such run instead of scanning every byte: long runs are rare, and a skip search finds them touching about
/// two bytes per <see cref="Length"/> (see <c>StreamingMatcher.Runs.cs</c>).
/// </summary>
/// <remarks>
/// Derived at load time from the rule's confirm pattern, which is exact (the automaton may be relaxed), so no
/// artifact change is needed. Each byte class of the pattern is tried as the set; the one with the longest
/// guaranteed run wins. Patterns using syntax the emitter does not produce yield no requirement.
/// </remarks>
internal sealed class RunRequirement
{
    /// <summary>Shortest run worth a skip search: shorter runs are found too often for it to beat the automaton.</summary>
    public const int MinUsefulLength = 16;

    private RunRequirement(bool[] set, int length)
    {
        Set = set;
        Length = length;
    }

    /// <summary>By byte value: whether it belongs to the run's set.</summary>
    public bool[] Set { get; }

    /// <summary>n: every match contains at least this many consecutive bytes of <see cref="Set"/>.</summary>
    public int Length { get; }

    /// <summary>
    /// The longest run guaranteed by <paramref name="confirmPattern"/> over one of its byte classes, when it is at
    /// least <see cref="MinUsefulLength"/> and at most <paramref name="maxMatchLength"/>; otherwise null.
    /// </summary>
    public static RunRequirement? Analyze(string confirmPattern, int maxMatchLength)
    {
        ArgumentNullException.ThrowIfNull(confirmPattern);
        var classes = new List<bool[]>();
        if (!RunPatternParser.TryCollectClasses(confirmPattern, classes))
        {
            return null;
        }

        RunRequirement? best = null;
        var bestSize = int.MaxValue;
        foreach (var set in classes)
        {
            if (!RunPatternParser.TryGuaranteedRun(confirmPattern, set, out var run)
                || run < MinUsefulLength || run > maxMatchLength)
            {
                continue;
            }

            var size = 0;
            foreach (var member in set)
            {
                size += member ? 1 : 0;
            }

            // Longer runs skip further; among equal runs a smaller set breaks runs more often.
            if (best is null || run > best.Length || (run == best.Length && size < bestSize))
            {
                best = new RunRequirement(set, run);
                bestSize = size;
            }
        }

        return best;
    }
}
