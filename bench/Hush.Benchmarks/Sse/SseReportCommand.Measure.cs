using System.Buffers;
using System.Diagnostics;
using Hush.Policy.Matching;

namespace Hush.Benchmarks.Sse;

internal static partial class SseReportCommand
{
    /// <summary>Samples held-back bytes and events after every non-final 4 KiB chunk.</summary>
    private static SseHoldBack HoldBack(SseCorpus corpus, PolicyMatcher matcher, SseMode mode)
    {
        var bytes = new List<double>();
        var events = new List<double>();
        var output = new ArrayBufferWriter<byte>();
        foreach (var body in corpus.Bodies)
        {
            using var codec = SseRunner.Create(mode, matcher, new CountingMatchSink())!;
            output.Clear();
            var emitted = 0;
            var arrived = 0;
            for (var from = 0; from < body.Length; from += SseBenchData.ChunkBytes)
            {
                var n = Math.Min(SseBenchData.ChunkBytes, body.Length - from);
                var before = output.WrittenCount;
                codec.Process(body.AsSpan(from, n), from + n == body.Length, output);
                if (from + n == body.Length)
                {
                    break;
                }

                emitted += CountEnds(output.WrittenSpan, before);
                arrived += CountEnds(body.AsSpan(0, from + n), from);
                bytes.Add(codec.HeldBytes);
                events.Add(arrived - emitted);
            }
        }

        bytes.Sort();
        events.Sort();
        return new SseHoldBack(bytes, events);
    }

    /// <summary>
    /// Feeds each body one event per call (the way a provider's events often reach the filter) and charges every
    /// event the duration of the call that released it; also times the first call (with codec creation) and the
    /// calls of a 4 KiB feed.
    /// </summary>
    private static SseLatency Latency(SseCorpus corpus, PolicyMatcher matcher, SseMode mode)
    {
        var perEvent = new List<double>();
        var first = new List<double>();
        var chunk = new List<double>();
        var output = new ArrayBufferWriter<byte>();
        var onArrival = 0L;
        var total = 0L;
        var chunkTicks = 0L;
        foreach (var body in corpus.Bodies)
        {
            output.Clear();
            var start = Stopwatch.GetTimestamp();
            var codec = SseRunner.Create(mode, matcher, new CountingMatchSink())!;
            var ends = EventEnds(body);
            var from = 0;
            var emitted = 0;
            for (var k = 0; k < ends.Count; k++)
            {
                var before = output.WrittenCount;
                if (k > 0)
                {
                    start = Stopwatch.GetTimestamp();
                }

                codec.Process(body.AsSpan(from, ends[k] - from), ends[k] == body.Length, output);
                var micros = SseStats.Micros(Stopwatch.GetTimestamp() - start);
                from = ends[k];
                if (k == 0)
                {
                    first.Add(micros);
                }

                var released = CountEnds(output.WrittenSpan, before);
                for (var e = 0; e < released; e++)
                {
                    perEvent.Add(micros);
                }

                // The event that arrived in this call is among those released when the released count catches up.
                emitted += released;
                onArrival += emitted == k + 1 ? 1 : 0;
                total++;
            }

            codec.Dispose();
            output.Clear();
            using var chunked = SseRunner.Create(mode, matcher, new CountingMatchSink())!;
            for (var at = 0; at < body.Length; at += SseBenchData.ChunkBytes)
            {
                var n = Math.Min(SseBenchData.ChunkBytes, body.Length - at);
                var t = Stopwatch.GetTimestamp();
                chunked.Process(body.AsSpan(at, n), at + n == body.Length, output);
                var ticks = Stopwatch.GetTimestamp() - t;
                chunkTicks += ticks;
                chunk.Add(SseStats.Micros(ticks));
            }
        }

        perEvent.Sort();
        first.Sort();
        chunk.Sort();
        return new SseLatency(perEvent, first, (double)onArrival / total, chunk, SseStats.Micros(chunkTicks) / corpus.Events);
    }

    /// <summary>Event ends (LF LF) in <paramref name="text"/> whose second LF is at or after <paramref name="from"/>.</summary>
    private static int CountEnds(ReadOnlySpan<byte> text, int from)
    {
        var count = 0;
        for (var i = Math.Max(1, from); i < text.Length; i++)
        {
            if (text[i] == '\n' && text[i - 1] == '\n')
            {
                count++;
            }
        }

        return count;
    }
}
