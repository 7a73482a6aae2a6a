namespace Hush.Policy.Matching;

/// <summary>
/// Lower bounds over every string a subpattern matches, for one byte set: whether all its bytes are in the set
/// (<paramref name="Full"/>), its length when full (<paramref name="Min"/>), and its leading (<paramref name="Pre"/>),
/// trailing (<paramref name="Suf"/>) and longest (<paramref name="Run"/>) runs of set bytes.
/// </summary>
/// <param name="Full">Every string consists of set bytes only.</param>
/// <param name="Min">The shortest string's length (meaningful when <paramref name="Full"/>).</param>
/// <param name="Pre">Every string starts with at least this many set bytes.</param>
/// <param name="Suf">Every string ends with at least this many set bytes.</param>
/// <param name="Run">Every string contains at least this many set bytes in a row.</param>
internal readonly record struct RunSummary(bool Full, int Min, int Pre, int Suf, int Run)
{
    /// <summary>Values are capped here so that counted repetitions cannot overflow.</summary>
    public const int Cap = 1 << 20;

    /// <summary>The empty string (also every zero-width assertion: runs continue across it).</summary>
    public static RunSummary Empty => new(true, 0, 0, 0, 0);

    /// <summary>Strings of <paramref name="length"/> set bytes.</summary>
    public static RunSummary Bytes(int length) => new(true, length, length, length, length);

    /// <summary>Strings of <paramref name="length"/> bytes of which some may be outside the set.</summary>
    public static RunSummary Broken(int length) => new(false, length, 0, 0, 0);

    /// <summary>Concatenation: a trailing run of <paramref name="a"/> joins a leading run of <paramref name="b"/>.</summary>
    public static RunSummary Then(RunSummary a, RunSummary b) => new(
        a.Full && b.Full,
        Add(a.Min, b.Min),
        a.Full ? Add(a.Min, b.Pre) : a.Pre,
        b.Full ? Add(a.Suf, b.Min) : b.Suf,
        Math.Max(Math.Max(a.Run, b.Run), Add(a.Suf, b.Pre)));

    /// <summary>Alternation: every bound is the weaker of the two.</summary>
    public static RunSummary Either(RunSummary a, RunSummary b) => new(
        a.Full && b.Full,
        Math.Min(a.Min, b.Min),
        Math.Min(a.Pre, b.Pre),
        Math.Min(a.Suf, b.Suf),
        Math.Min(a.Run, b.Run));

    /// <summary>At least <paramref name="min"/> copies: the bounds of exactly <paramref name="min"/> copies.</summary>
    public static RunSummary Repeat(RunSummary item, int min)
    {
        if (min == 0)
        {
            return item.Full ? Empty : new RunSummary(false, 0, 0, 0, 0);
        }

        if (item.Full)
        {
            return Bytes((int)Math.Min((long)item.Min * min, Cap));
        }

        var run = min >= 2 ? Math.Max(item.Run, Add(item.Suf, item.Pre)) : item.Run;
        return new RunSummary(false, (int)Math.Min((long)item.Min * min, Cap), item.Pre, item.Suf, run);
    }

    private static int Add(int x, int y) => Math.Min(x + y, Cap);
}
