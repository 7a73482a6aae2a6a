using System.Globalization;
using System.Text;

namespace Hush.ExtProcBench.Metrics;

/// <summary>A small parser for the Prometheus text exposition format (enough for prometheus-net's output).</summary>
internal static class PrometheusText
{
    /// <summary>Every sample in <paramref name="text"/>; comments and malformed lines are skipped.</summary>
    public static List<PrometheusSample> Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            string name;
            string rest;
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (brace >= 0 && (space < 0 || brace < space))
            {
                name = line[..brace];
                var end = ParseLabels(line, brace + 1, labels);
                if (end < 0)
                {
                    continue;
                }

                rest = line[(end + 1)..].Trim();
            }
            else if (space > 0)
            {
                name = line[..space];
                rest = line[(space + 1)..].Trim();
            }
            else
            {
                continue;
            }

            var valueText = rest.Split(' ', 2)[0];
            if (TryValue(valueText, out var value))
            {
                samples.Add(new PrometheusSample(name, labels, value));
            }
        }

        return samples;
    }

    /// <summary>Parses a bucket bound or sample value, including <c>+Inf</c> and <c>NaN</c>.</summary>
    public static bool TryValue(string text, out double value)
    {
        switch (text)
        {
            case "+Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
            case "NaN":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    private static int ParseLabels(string line, int i, Dictionary<string, string> labels)
    {
        while (i < line.Length)
        {
            if (line[i] == '}')
            {
                return i;
            }

            if (line[i] is ',' or ' ')
            {
                i++;
                continue;
            }

            var eq = line.IndexOf('=', i);
            if (eq < 0 || eq + 1 >= line.Length || line[eq + 1] != '"')
            {
                return -1;
            }

            var key = line[i..eq];
            var value = new StringBuilder();
            var j = eq + 2;
            for (; j < line.Length && line[j] != '"'; j++)
            {
                if (line[j] == '\\' && j + 1 < line.Length)
                {
                    j++;
                    value.Append(line[j] == 'n' ? '\n' : line[j]);
                }
                else
                {
                    value.Append(line[j]);
                }
            }

            labels[key] = value.ToString();
            i = j + 1;
        }

        return -1;
    }
}
