using Hush.ExtProcBench.Infrastructure;

namespace Hush.ExtProcBench.Load;

/// <summary>
/// The server's background CPU with no stream open (timers, GC, metrics collectors), in CPU seconds per second.
/// Subtracted from a level's CPU for the "net" per-message figure, which matters at low message rates.
/// </summary>
internal static class IdleCpu
{
    /// <summary>Samples the server's CPU time over <paramref name="span"/> with no load.</summary>
    public static async Task<double> MeasureAsync(ServerProcess server, TimeSpan span, CancellationToken cancel)
    {
        var time = TimeProvider.System;
        var before = server.CpuTime();
        var t0 = time.GetTimestamp();
        await Task.Delay(span, time, cancel).ConfigureAwait(false);
        var cpu = (server.CpuTime() - before).TotalSeconds;
        return cpu / time.GetElapsedTime(t0).TotalSeconds;
    }
}
