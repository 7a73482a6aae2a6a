namespace Hush.ExtProcBench.Metrics;

/// <summary>
/// Quantiles of the difference of two cumulative-bucket histograms, interpolated linearly inside the bucket the
/// rank falls in, as PromQL's <c>histogram_quantile</c> does (lower bound of the first bucket is 0; a rank in the
/// +Inf bucket reports the highest finite bound).
/// </summary>
internal static class HistogramQuantile
{
    /// <summary>Observations between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static double Count(MetricsSnapshot before, MetricsSnapshot after) =>
        after.DurationBuckets.GetValueOrDefault(double.PositiveInfinity) - before.DurationBuckets.GetValueOrDefault(double.PositiveInfinity);

    /// <summary>The <paramref name="q"/> quantile (seconds) of the observations made between the two scrapes; NaN if none.</summary>
    public static double Quantile(double q, MetricsSnapshot before, MetricsSnapshot after)
    {
        var total = Count(before, after);
        if (total <= 0)
        {
            return double.NaN;
        }

        var rank = q * total;
        double previousBound = 0, previousCount = 0;
        foreach (var (bound, cumulativeAfter) in after.DurationBuckets)
        {
            var cumulative = cumulativeAfter - before.DurationBuckets.GetValueOrDefault(bound);
            if (cumulative >= rank)
            {
                if (double.IsPositiveInfinity(bound))
                {
                    return previousBound;
                }

                var inBucket = cumulative - previousCount;
                return inBucket <= 0
                    ? bound
                    : previousBound + ((bound - previousBound) * (rank - previousCount) / inBucket);
            }

            previousBound = bound;
            previousCount = cumulative;
        }

        return previousBound;
    }
}
