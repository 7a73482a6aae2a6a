namespace Hush.PolicyCompiler.Syntax;

/// <summary>Set algebra on code point range lists, used while building <see cref="CharSetNode"/>s.</summary>
internal static class CharSetOps
{
    /// <summary>Largest Unicode code point.</summary>
    public const int MaxCodePoint = 0x10FFFF;

    /// <summary>First UTF-16 surrogate code point (surrogates are never matched: they have no UTF-8 form).</summary>
    public const int SurrogateFirst = 0xD800;

    /// <summary>Last UTF-16 surrogate code point.</summary>
    public const int SurrogateLast = 0xDFFF;

    /// <summary>Sorts, merges overlapping and adjacent ranges and removes surrogates.</summary>
    public static List<CodePointRange> Normalize(List<CodePointRange> ranges)
    {
        ranges.Sort(static (a, b) => a.First.CompareTo(b.First));
        var merged = new List<CodePointRange>(ranges.Count);
        foreach (var r in ranges)
        {
            if (merged.Count > 0 && r.First <= merged[^1].Last + 1)
            {
                var last = merged[^1];
                merged[^1] = new CodePointRange(last.First, Math.Max(last.Last, r.Last));
            }
            else
            {
                merged.Add(r);
            }
        }

        var result = new List<CodePointRange>(merged.Count + 1);
        foreach (var r in merged)
        {
            if (r.Last < SurrogateFirst || r.First > SurrogateLast)
            {
                result.Add(r);
                continue;
            }

            if (r.First < SurrogateFirst)
            {
                result.Add(new CodePointRange(r.First, SurrogateFirst - 1));
            }

            if (r.Last > SurrogateLast)
            {
                result.Add(new CodePointRange(SurrogateLast + 1, r.Last));
            }
        }

        return result;
    }

    /// <summary>The complement over all code points except surrogates; the input must be normalized.</summary>
    public static List<CodePointRange> Negate(List<CodePointRange> ranges)
    {
        var result = new List<CodePointRange>(ranges.Count + 1);
        var next = 0;
        foreach (var r in ranges)
        {
            if (r.First > next)
            {
                result.Add(new CodePointRange(next, r.First - 1));
            }

            next = r.Last + 1;
        }

        if (next <= MaxCodePoint)
        {
            result.Add(new CodePointRange(next, MaxCodePoint));
        }

        return Normalize(result);
    }

    /// <summary>Adds the other case of every ASCII letter in the set (the dialect folds ASCII only).</summary>
    public static List<CodePointRange> FoldAscii(List<CodePointRange> ranges)
    {
        var result = new List<CodePointRange>(ranges);
        foreach (var r in ranges)
        {
            AddShifted(result, r, 'a', 'z', 'A' - 'a');
            AddShifted(result, r, 'A', 'Z', 'a' - 'A');
        }

        return Normalize(result);
    }

    /// <summary>A single code point, folded when <paramref name="ignoreCase"/> is set.</summary>
    public static List<CodePointRange> Single(int codePoint, bool ignoreCase)
    {
        var list = new List<CodePointRange> { new(codePoint, codePoint) };
        return ignoreCase ? FoldAscii(list) : list;
    }

    private static void AddShifted(List<CodePointRange> target, CodePointRange r, int lo, int hi, int shift)
    {
        var first = Math.Max(r.First, lo);
        var last = Math.Min(r.Last, hi);
        if (first <= last)
        {
            target.Add(new CodePointRange(first + shift, last + shift));
        }
    }
}
