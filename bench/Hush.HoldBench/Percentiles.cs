namespace Hush.HoldBench;

/// <summary>Percentiles of a latency sample, in milliseconds.</summary>
internal static class Percentiles
{
    /// <summary>The <paramref name="p"/>-th percentile (nearest rank) of <paramref name="sorted"/>.</summary>
    public static double Of(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
