using System.Globalization;
using System.Text;

namespace Hush.PolicyCompiler.Import;

/// <summary>
/// Rewrites counted repetitions above our limit of 1000 (RE2's; Rust's regex allows more) into a sequence of
/// repetitions within it: <c>X{20,1024}</c> becomes <c>X{20,1000}X{0,24}</c>.
/// </summary>
/// <remarks>
/// Only single-position atoms (a character, escape, class or <c>.</c>) are split. For them the rewrite matches
/// exactly the same strings with the same preference: what follows the repetition depends only on where it ends,
/// so the leftmost-first match and its groups are unchanged. A repeated group is left alone (splitting it would
/// duplicate its capture groups); the compiler then reports the count.
/// </remarks>
internal static class RepeatSplitter
{
    /// <summary>
    /// Returns <paramref name="pattern"/> with every splittable large repetition rewritten; <paramref name="notes"/>
    /// says what changed and what could not be.
    /// </summary>
    public static string Split(string pattern, PatternShape shape, List<string> notes)
    {
        var sb = new StringBuilder(pattern);
        // Right to left, so earlier offsets stay valid.
        for (int i = shape.LargeRepeats.Count - 1; i >= 0; i--)
        {
            CountedRepeat r = shape.LargeRepeats[i];
            string original = pattern[r.QuantifierStart..r.QuantifierEnd];
            if (r.AtomStart < 0)
            {
                notes.Add($"repetition `{original}` of a group exceeds the count limit of {PatternShape.CountLimit}; left as is (the rule will not compile)");
                continue;
            }

            string atom = pattern[r.AtomStart..r.AtomEnd];
            string rewritten = Pieces(atom, r);
            sb.Remove(r.AtomStart, r.QuantifierEnd - r.AtomStart).Insert(r.AtomStart, rewritten);
            notes.Add($"repetition `{original}` split into `{rewritten}` (counts above {PatternShape.CountLimit} are not in our dialect; the language is unchanged)");
        }

        return sb.ToString();
    }

    private static string Pieces(string atom, CountedRepeat r)
    {
        string lazy = r.Lazy ? "?" : "";
        var sb = new StringBuilder();
        int min = r.Min;
        int? max = r.Max;
        const int Limit = PatternShape.CountLimit;
        while (min > Limit || max > Limit)
        {
            int pieceMin = Math.Min(min, Limit);
            sb.Append(atom).Append(Count(pieceMin, Limit)).Append(lazy);
            min -= pieceMin;
            max -= Limit;
        }

        sb.Append(atom).Append(Count(min, max)).Append(lazy);
        return sb.ToString();
    }

    private static string Count(int min, int? max) => max == min
        ? string.Create(CultureInfo.InvariantCulture, $"{{{min}}}")
        : string.Create(CultureInfo.InvariantCulture, $"{{{min},{max}}}");
}
