using Hush.ExtProcBench.Infrastructure;
using Hush.ExtProcBench.Metrics;
using Hush.ExtProcBench.Report;

namespace Hush.ExtProcBench.Load;

/// <summary>
/// Runs one level against one server: opens N streams at once, waits until every stream had its headers
/// answered plus a settle pause, then measures a steady-state window (server histogram, message counter and CPU
/// before and after; client latency inside), then lets every stream send its last chunk and drain.
/// </summary>
internal static class LevelRunner
{
    /// <summary>Runs the level and returns its figures.</summary>
    public static async Task<LevelResult> RunAsync(ServerProcess server, ChannelSet channels, int streams, TimeSpan window,
        BenchOptions options, SseScript[] scripts, CancellationToken cancel)
    {
        var time = TimeProvider.System;
        var counters = new LevelCounters();
        var context = new DriverContext(options, scripts, server.Kind, counters, time);
        var start = await server.ScrapeAsync(cancel).ConfigureAwait(false);
        using var stop = new CancellationTokenSource();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var tasks = new Task[streams];
        for (var i = 0; i < streams; i++)
        {
            var driver = new StreamDriver(channels.Drivers[i % channels.Drivers.Length], context, i);
            tasks[i] = driver.RunAsync(stop.Token, abort.Token);
        }

        try
        {
            await WaitUntilAsync(() => counters.StreamsReady + counters.StreamErrors >= streams, TimeSpan.FromSeconds(60), cancel).ConfigureAwait(false);
            await Task.Delay(options.Settle, time, cancel).ConfigureAwait(false);

            var before = await server.ScrapeAsync(cancel).ConfigureAwait(false);
            var cpuBefore = server.CpuTime();
            var clientCpuBefore = ClientCpu();
            var pauseBefore = GC.GetTotalPauseDuration();
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
            var t0 = time.GetTimestamp();
            counters.Recording = true;
            await Task.Delay(window, time, cancel).ConfigureAwait(false);
            counters.Recording = false;
            var elapsed = time.GetElapsedTime(t0);
            var cpuAfter = server.CpuTime();
            var clientCpuAfter = ClientCpu();
            var pauseAfter = GC.GetTotalPauseDuration();
            var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
            var collections = $"{GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}";
            var after = await server.ScrapeAsync(cancel).ConfigureAwait(false);

            await stop.CancelAsync().ConfigureAwait(false);
            await DrainAsync(tasks, abort).ConfigureAwait(false);
            var end = await WaitForIdleServerAsync(server, start.ActiveStreams, cancel).ConfigureAwait(false);

            return new LevelResult
            {
                Kind = server.Kind,
                Streams = streams,
                WindowSeconds = elapsed.TotalSeconds,
                ServerMessages = after.Messages - before.Messages,
                ServerP50Micros = HistogramQuantile.Quantile(0.50, before, after) * 1e6,
                ServerP99Micros = HistogramQuantile.Quantile(0.99, before, after) * 1e6,
                ServerP999Micros = HistogramQuantile.Quantile(0.999, before, after) * 1e6,
                ServerMeanMicros = (after.DurationSum - before.DurationSum) / Math.Max(1, HistogramQuantile.Count(before, after)) * 1e6,
                ClientP50Micros = counters.Latency.QuantileMicros(0.50),
                ClientP99Micros = counters.Latency.QuantileMicros(0.99),
                ClientP999Micros = counters.Latency.QuantileMicros(0.999),
                ClientSamples = counters.Latency.Count,
                FirstChunkP50Micros = counters.FirstChunkLatency.QuantileMicros(0.50),
                FirstChunkP99Micros = counters.FirstChunkLatency.QuantileMicros(0.99),
                FirstChunkSamples = counters.FirstChunkLatency.Count,
                Latency = counters.Latency,
                FirstChunkLatency = counters.FirstChunkLatency,
                SendLagP99Micros = counters.SendLag.QuantileMicros(0.99),
                CpuSeconds = (cpuAfter - cpuBefore).TotalSeconds,
                ClientCpuSeconds = (clientCpuAfter - clientCpuBefore).TotalSeconds,
                ServerCollections = after.Collections - before.Collections,
                ServerGen2Collections = after.Gen2Collections - before.Gen2Collections,
                ServerGcPauseMillis = (after.GcPauseSeconds - before.GcPauseSeconds) * 1000,
                ClientGcPauseMillis = (pauseAfter - pauseBefore).TotalMilliseconds,
                ClientAllocatedBytes = allocated,
                ClientCollections = collections,
                ChunksSent = counters.ChunksSent,
                ChunksAnswered = counters.ChunksAnswered,
                StreamsStarted = counters.StreamsStarted,
                StreamsCompleted = counters.StreamsCompleted,
                StreamErrors = counters.StreamErrors,
                Planted = counters.Planted,
                Split = counters.Split,
                Masked = end.Masks - start.Masks,
                Leaks = counters.Leaks,
                PassThroughViolations = counters.PassThroughViolations,
                ProtocolViolations = counters.ProtocolViolations,
                ServerErrors = end.Errors - start.Errors,
            };
        }
        finally
        {
            await abort.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static TimeSpan ClientCpu()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>Waits for every stream to finish its last life; aborts them after a generous timeout.</summary>
    private static async Task DrainAsync(Task[] tasks, CancellationTokenSource abort)
    {
        try
        {
            await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(60), CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Console.WriteLine("  drain timed out after 60 s; aborting the remaining streams");
            await abort.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Scrapes until the server's active-stream gauge is back to <paramref name="baseline"/> (at most 10 s).</summary>
    public static async Task<MetricsSnapshot> WaitForIdleServerAsync(ServerProcess server, double baseline, CancellationToken cancel)
    {
        var time = TimeProvider.System;
        var t0 = time.GetTimestamp();
        while (true)
        {
            var snapshot = await server.ScrapeAsync(cancel).ConfigureAwait(false);
            if (snapshot.ActiveStreams <= baseline || time.GetElapsedTime(t0) > TimeSpan.FromSeconds(10))
            {
                return snapshot;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancel).ConfigureAwait(false);
        }
    }

    /// <summary>Polls <paramref name="condition"/> every 20 ms; throws on timeout.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancel)
    {
        var time = TimeProvider.System;
        var t0 = time.GetTimestamp();
        while (!condition())
        {
            if (time.GetElapsedTime(t0) > timeout)
            {
                throw new TimeoutException($"streams not open after {timeout.TotalSeconds} s");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), time, cancel).ConfigureAwait(false);
        }
    }
}
