namespace Hush.PolicyCompiler.Analysis;

/// <summary>
/// A set of required literals (bytes as Latin-1 chars, ASCII-lower-cased): every match contains one of them,
/// starting at most <paramref name="MaxPrefix"/> bytes after the match start, after at most
/// <paramref name="LookBack"/> secret bytes drawn from <paramref name="LookBackBytes"/> (a 32-byte bitset, null when
/// <paramref name="LookBack"/> is 0).
/// </summary>
internal sealed record LiteralCandidate(IReadOnlyList<string> Literals, int MaxPrefix, int LookBack = 0,
    byte[]? LookBackBytes = null)
{
    /// <summary>
    /// Model hit rate a look-back set may have: the rule would otherwise scan every byte, so even a set the model
    /// (pessimistic for digits and punctuation) expects at one position in 16 saves most of that work.
    /// </summary>
    private const double LookBackHitRateLimit = 1.0 / 16;

    /// <summary>Length of the shortest literal: what limits how selective the prefilter is.</summary>
    public int MinLength => Literals.Min(l => l.Length);

    /// <summary>
    /// Rough fraction of input positions where one of the literals occurs: each byte is taken to match with
    /// probability 1/20, and length beyond 8 bytes is not counted (real text is not random).
    /// </summary>
    public double HitRate => Literals.Sum(l => Math.Pow(20, -Math.Min(l.Length, 8)));

    /// <summary>
    /// What the prefilter pays for this set: its hit rate, weighted by the number of literals (each literal costs
    /// multi-literal matching speed), so "ghp_" beats 62 literals "ghp_0" … "ghp_z".
    /// </summary>
    public double Cost => HitRate * (1 + (Literals.Count / 4.0));

    /// <summary>
    /// Whether the prefilter may use this set: 2+ bytes each, at most <see cref="LiteralExtractor.MaxLiterals"/>,
    /// prefix and look-back in range, and selective enough (hits at under 1% of positions, or under
    /// <see cref="LookBackHitRateLimit"/> for a look-back set, the alternative to always-on scanning).
    /// </summary>
    public bool IsUsable => Literals.Count is > 0 and <= LiteralExtractor.MaxLiterals
        && MinLength >= 2
        && MaxPrefix <= LiteralExtractor.MaxPrefixLimit
        && LookBack <= LiteralExtractor.MaxLookBack
        && HitRate <= (LookBack > 0 ? LookBackHitRateLimit : 0.01);

    /// <summary>Whether the set is selective enough to prefer it even at a larger prefix.</summary>
    public bool IsGood => MinLength >= 3 && Cost <= 1e-3;

    /// <summary>Whether this set is a better prefilter than <paramref name="other"/>.</summary>
    /// <remarks>
    /// Order: "good" sets (cost at most that of about two 3-byte literals, so never a 2-byte literal) before
    /// merely usable ones; then the smallest look-back (bytes the matcher holds at every chunk end); then the smallest prefix (the automaton runs from
    /// literal − MaxPrefix, so this is wasted work per hit); then the lower <see cref="Cost"/>; then the shorter
    /// total length (a shorter literal holds fewer bytes as a partial literal at a chunk end).
    /// </remarks>
    public bool IsBetterThan(LiteralCandidate other)
    {
        var tier = IsGood ? 1 : 0;
        var otherTier = other.IsGood ? 1 : 0;
        if (tier != otherTier)
        {
            return tier > otherTier;
        }

        if (LookBack != other.LookBack)
        {
            return LookBack < other.LookBack;
        }

        if (MaxPrefix != other.MaxPrefix)
        {
            return MaxPrefix < other.MaxPrefix;
        }

        var cost = Cost;
        var otherCost = other.Cost;
        if (Math.Abs(cost - otherCost) > 1e-9 * Math.Max(cost, otherCost))
        {
            return cost < otherCost;
        }

        return Literals.Sum(l => l.Length) < other.Literals.Sum(l => l.Length);
    }
}
