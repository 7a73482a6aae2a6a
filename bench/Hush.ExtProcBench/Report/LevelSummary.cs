using System.Globalization;
using Hush.ExtProcBench.Load;

namespace Hush.ExtProcBench.Report;

/// <summary>
/// Combines the rounds of one level and processor into one <see cref="LevelResult"/>: counts, CPU and windows are
/// summed (so per-message and per-second figures are pooled ratios), client latency quantiles come from the pooled
/// samples, the server's quantiles and the send lag are the median round's, and each round's p99 is kept for the
/// verdicts.
/// </summary>
internal static class LevelSummary
{
    /// <summary>One result per level and processor, in the order the first round ran them.</summary>
    public static List<LevelResult> CombineAll(IReadOnlyList<LevelResult> results)
    {
        var order = new List<(int Streams, ProcessorKind Kind)>();
        var groups = new Dictionary<(int Streams, ProcessorKind Kind), List<LevelResult>>();
        foreach (var r in results)
        {
            var key = (r.Streams, r.Kind);
            if (!groups.TryGetValue(key, out var list))
            {
                list = [];
                groups.Add(key, list);
                order.Add(key);
            }

            list.Add(r);
        }

        var combined = new List<LevelResult>(order.Count);
        foreach (var key in order)
        {
            combined.Add(Combine(groups[key]));
        }

        return combined;
    }

    /// <summary>The rounds of one level and processor as one result.</summary>
    public static LevelResult Combine(IReadOnlyList<LevelResult> rounds)
    {
        if (rounds.Count == 0)
        {
            throw new ArgumentException("no rounds to combine", nameof(rounds));
        }

        var clientP99 = new double[rounds.Count];
        var firstP99 = new double[rounds.Count];
        for (var i = 0; i < rounds.Count; i++)
        {
            clientP99[i] = rounds[i].ClientP99Micros;
            firstP99[i] = rounds[i].FirstChunkP99Micros;
        }

        if (rounds.Count == 1)
        {
            return rounds[0] with { ClientP99Rounds = clientP99, FirstChunkP99Rounds = firstP99 };
        }

        var latency = new LatencyHistogram();
        var first = new LatencyHistogram();
        foreach (var r in rounds)
        {
            if (r.Latency is null || r.FirstChunkLatency is null)
            {
                throw new InvalidOperationException($"round {r.Round} of {r.Streams} streams ({r.Kind}) kept no latency samples to pool");
            }

            latency.Add(r.Latency);
            first.Add(r.FirstChunkLatency);
        }

        var a = rounds[0];
        double serverMessages = 0, meanWeighted = 0;
        foreach (var r in rounds)
        {
            serverMessages += r.ServerMessages;
            meanWeighted += r.ServerMeanMicros * r.ServerMessages;
        }

        return new LevelResult
        {
            Round = 0,
            Kind = a.Kind,
            Streams = a.Streams,
            IdleCpuRate = a.IdleCpuRate,
            Latency = latency,
            FirstChunkLatency = first,
            ClientP99Rounds = clientP99,
            FirstChunkP99Rounds = firstP99,
            WindowSeconds = Sum(rounds, r => r.WindowSeconds),
            ServerMessages = serverMessages,
            ServerP50Micros = Median(rounds, r => r.ServerP50Micros),
            ServerP99Micros = Median(rounds, r => r.ServerP99Micros),
            ServerP999Micros = Median(rounds, r => r.ServerP999Micros),
            ServerMeanMicros = serverMessages > 0 ? meanWeighted / serverMessages : double.NaN,
            ClientP50Micros = latency.QuantileMicros(0.50),
            ClientP99Micros = latency.QuantileMicros(0.99),
            ClientP999Micros = latency.QuantileMicros(0.999),
            ClientSamples = latency.Count,
            FirstChunkP50Micros = first.QuantileMicros(0.50),
            FirstChunkP99Micros = first.QuantileMicros(0.99),
            FirstChunkSamples = first.Count,
            SendLagP99Micros = Median(rounds, r => r.SendLagP99Micros),
            CpuSeconds = Sum(rounds, r => r.CpuSeconds),
            ClientCpuSeconds = Sum(rounds, r => r.ClientCpuSeconds),
            ServerCollections = Sum(rounds, r => r.ServerCollections),
            ServerGen2Collections = Sum(rounds, r => r.ServerGen2Collections),
            ServerGcPauseMillis = Sum(rounds, r => r.ServerGcPauseMillis),
            ClientGcPauseMillis = Sum(rounds, r => r.ClientGcPauseMillis),
            ClientAllocatedBytes = (long)Sum(rounds, r => r.ClientAllocatedBytes),
            ClientCollections = SumCollections(rounds),
            ChunksSent = (long)Sum(rounds, r => r.ChunksSent),
            ChunksAnswered = (long)Sum(rounds, r => r.ChunksAnswered),
            StreamsStarted = (long)Sum(rounds, r => r.StreamsStarted),
            StreamsCompleted = (long)Sum(rounds, r => r.StreamsCompleted),
            StreamErrors = (long)Sum(rounds, r => r.StreamErrors),
            Planted = (long)Sum(rounds, r => r.Planted),
            Split = (long)Sum(rounds, r => r.Split),
            Masked = Sum(rounds, r => r.Masked),
            Leaks = (long)Sum(rounds, r => r.Leaks),
            PassThroughViolations = (long)Sum(rounds, r => r.PassThroughViolations),
            ProtocolViolations = (long)Sum(rounds, r => r.ProtocolViolations),
            ServerErrors = Sum(rounds, r => r.ServerErrors),
        };
    }

    /// <summary>The median of <paramref name="values"/> (mean of the two middle ones for an even count); NaN when empty.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = new double[values.Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = values[i];
        }

        Array.Sort(sorted);
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double Median(IReadOnlyList<LevelResult> rounds, Func<LevelResult, double> figure)
    {
        var values = new double[rounds.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = figure(rounds[i]);
        }

        return Median(values);
    }

    private static double Sum(IReadOnlyList<LevelResult> rounds, Func<LevelResult, double> figure)
    {
        var sum = 0.0;
        foreach (var r in rounds)
        {
            sum += figure(r);
        }

        return sum;
    }

    /// <summary>Adds the load generator's "gen0/gen1/gen2" collection counts of every round.</summary>
    private static string SumCollections(IReadOnlyList<LevelResult> rounds)
    {
        var sums = new long[3];
        foreach (var r in rounds)
        {
            var parts = r.ClientCollections.Split('/');
            for (var g = 0; g < sums.Length && g < parts.Length; g++)
            {
                sums[g] += long.Parse(parts[g], NumberStyles.Integer, CultureInfo.InvariantCulture);
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{sums[0]}/{sums[1]}/{sums[2]}");
    }
}
