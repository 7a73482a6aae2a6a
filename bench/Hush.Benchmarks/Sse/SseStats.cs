using System.Globalization;

namespace Hush.Benchmarks.Sse;

/// <summary>Percentiles and formatting for the SSE report.</summary>
internal static class SseStats
{
    /// <summary>The <paramref name="p"/> quantile (nearest rank) of <paramref name="sorted"/>.</summary>
    public static double Pct(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>Median of <paramref name="values"/>.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return Pct(sorted, 0.5);
    }

    /// <summary>Invariant formatting.</summary>
    public static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Microseconds from Stopwatch ticks.</summary>
    public static double Micros(long ticks) => ticks * 1e6 / System.Diagnostics.Stopwatch.Frequency;
}
