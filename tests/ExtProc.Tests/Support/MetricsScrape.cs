using System.Globalization;

namespace Hush.ExtProc.Tests.Support;

/// <summary>Reads one series' value from Prometheus text exposition format.</summary>
internal static class MetricsScrape
{
    /// <summary>Value of the series named exactly <paramref name="series"/> (name plus labels as exposed), or 0 when absent.</summary>
    public static double Value(string exposition, string series)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line.AsSpan(series.Length + 1), CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    /// <summary>Scrapes /metrics over HTTP.</summary>
    public static async Task<string> ScrapeAsync(HttpClient admin) =>
        await admin.GetStringAsync(new Uri("/metrics", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(10));
}
