using Hush.ExtProcBench;
using Hush.ExtProcBench.Load;
using Hush.ExtProcBench.Report;

namespace Hush.ExtProc.Tests.Bench;

/// <summary>How the load benchmark combines the rounds of a level into the figures its verdicts use.</summary>
public sealed class LevelSummaryTests
{
    private const long Frequency = 1_000_000;

    [Fact]
    public void Combine_ThreeRounds_VerdictTakesTheMedianRoundAndTablesPoolTheSamples()
    {
        // Two quiet rounds (p99 near 500 µs) and one busy one (5 % of its samples at 8 ms).
        var rounds = new[]
        {
            Round(1, quiet: 1000, slow: 0, slowMicros: 0),
            Round(2, quiet: 950, slow: 50, slowMicros: 8000),
            Round(3, quiet: 1000, slow: 0, slowMicros: 0, quietMicros: 600),
        };

        var combined = LevelSummary.Combine(rounds);

        Assert.Equal(0, combined.Round);
        Assert.Equal([500, 8000, 600], combined.ClientP99Rounds);
        Assert.Equal(600, combined.ClientP99MedianRound);
        // Pooled: 50 of 3,000 samples are slow (1.7 %), so the pooled p99 is the busy round's 8 ms.
        Assert.Equal(8000, combined.ClientP99Micros);
        Assert.Equal(3000, combined.ClientSamples);
        Assert.Equal(3, combined.FirstChunkSamples);
    }

    [Fact]
    public void Combine_Rounds_AddsCountsCpuAndWindowsSoRatesArePooled()
    {
        var rounds = new[]
        {
            Round(1, quiet: 100, slow: 0, slowMicros: 0) with { ServerMessages = 1000, CpuSeconds = 1.0, WindowSeconds = 10, Leaks = 1, ClientCollections = "3/1/0" },
            Round(2, quiet: 100, slow: 0, slowMicros: 0) with { ServerMessages = 3000, CpuSeconds = 1.0, WindowSeconds = 10, Leaks = 2, ClientCollections = "4/0/1" },
        };

        var combined = LevelSummary.Combine(rounds);

        Assert.Equal(4000, combined.ServerMessages);
        Assert.Equal(200, combined.MessagesPerSecond);
        Assert.Equal(500, combined.CpuMillisPer1000, 6); // 2 CPU seconds over 4,000 messages
        Assert.Equal(3, combined.Leaks);
        Assert.Equal("7/1/1", combined.ClientCollections);
    }

    [Fact]
    public void Combine_OneRound_KeepsItsFiguresAndListsItsP99()
    {
        var only = Round(1, quiet: 990, slow: 10, slowMicros: 3000);

        var combined = LevelSummary.Combine([only]);

        Assert.Equal(only.ClientP99Micros, combined.ClientP99Micros);
        Assert.Equal([only.ClientP99Micros], combined.ClientP99Rounds);
        Assert.Equal(only.ClientP99Micros, combined.ClientP99MedianRound);
    }

    [Fact]
    public void CombineAll_GroupsByLevelAndProcessor_InTheFirstRoundsOrder()
    {
        var results = new List<LevelResult>();
        for (var round = 1; round <= 2; round++)
        {
            foreach (var streams in new[] { 1, 100 })
            {
                foreach (var kind in new[] { ProcessorKind.Masking, ProcessorKind.PassThrough })
                {
                    results.Add(Round(round, quiet: 10, slow: 0, slowMicros: 0) with { Streams = streams, Kind = kind });
                }
            }
        }

        var combined = LevelSummary.CombineAll(results);

        Assert.Equal(4, combined.Count);
        Assert.Equal((1, ProcessorKind.Masking), (combined[0].Streams, combined[0].Kind));
        Assert.Equal((1, ProcessorKind.PassThrough), (combined[1].Streams, combined[1].Kind));
        Assert.Equal((100, ProcessorKind.Masking), (combined[2].Streams, combined[2].Kind));
        Assert.All(combined, r => Assert.Equal(2, r.ClientP99Rounds.Count));
    }

    [Fact]
    public void Combine_RoundWithoutSamples_Throws()
    {
        var rounds = new[] { Round(1, 10, 0, 0), Round(2, 10, 0, 0) with { Latency = null } };

        var ex = Assert.Throws<InvalidOperationException>(() => LevelSummary.Combine(rounds));
        Assert.Contains("round 2", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { 3.0 }, 3.0)]
    [InlineData(new[] { 9.0, 1.0, 5.0 }, 5.0)]
    [InlineData(new[] { 4.0, 1.0, 2.0, 8.0 }, 3.0)]
    public void Median_OddAndEvenCounts_MiddleOrMeanOfMiddles(double[] values, double expected) =>
        Assert.Equal(expected, LevelSummary.Median(values));

    [Fact]
    public void LatencyHistogramAdd_TwoHistograms_QuantilesOfTheUnion()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        for (var i = 1; i <= 50; i++)
        {
            a.Record(i, Frequency);
            b.Record(i + 50, Frequency);
        }

        b.Record(250_000, Frequency); // coarse (1 ms) bucket

        a.Add(b);

        Assert.Equal(101, a.Count);
        // Quantiles report the upper edge of their bucket: 1 µs wide below 100 ms, 1 ms wide above.
        Assert.Equal(52, a.QuantileMicros(0.50));
        Assert.Equal(251_000, a.QuantileMicros(1.0));
        Assert.Equal(51, b.Count);
    }

    private static LevelResult Round(int round, int quiet, int slow, long slowMicros, long quietMicros = 500)
    {
        var latency = new LatencyHistogram();
        for (var i = 0; i < quiet; i++)
        {
            latency.Record(quietMicros - 1, Frequency);
        }

        for (var i = 0; i < slow; i++)
        {
            latency.Record(slowMicros - 1, Frequency);
        }

        var first = new LatencyHistogram();
        first.Record(99, Frequency);
        return new LevelResult
        {
            Round = round,
            Kind = ProcessorKind.Masking,
            Streams = 100,
            WindowSeconds = 20,
            ServerMessages = quiet + slow,
            ServerP50Micros = 3,
            ServerP99Micros = 30,
            ServerP999Micros = 100,
            ServerMeanMicros = 5,
            ClientP50Micros = latency.QuantileMicros(0.50),
            ClientP99Micros = latency.QuantileMicros(0.99),
            ClientP999Micros = latency.QuantileMicros(0.999),
            ClientSamples = latency.Count,
            FirstChunkP50Micros = first.QuantileMicros(0.50),
            FirstChunkP99Micros = first.QuantileMicros(0.99),
            FirstChunkSamples = first.Count,
            Latency = latency,
            FirstChunkLatency = first,
            SendLagP99Micros = 10,
            CpuSeconds = 1,
            ClientCpuSeconds = 1,
            ServerCollections = 1,
            ServerGen2Collections = 0,
            ServerGcPauseMillis = 2,
            ClientGcPauseMillis = 1,
            ClientAllocatedBytes = 1000,
            ClientCollections = "1/0/0",
            ChunksSent = quiet + slow,
            ChunksAnswered = quiet + slow,
            StreamsStarted = 1,
            StreamsCompleted = 1,
            StreamErrors = 0,
            Planted = 0,
            Split = 0,
            Masked = 0,
            Leaks = 0,
            PassThroughViolations = 0,
            ProtocolViolations = 0,
            ServerErrors = 0,
        };
    }
}
