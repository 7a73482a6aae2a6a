using Hush.ExtProcBench.Infrastructure;
using Hush.ExtProcBench.Report;

namespace Hush.ExtProcBench.Load;

/// <summary>
/// Memory per idle open stream: scrape, open N streams that only exchange request and response headers, let the
/// server settle, scrape again, close them. Nothing is forced (no GC), so the figure is what a server in
/// production holds for such streams, including not-yet-collected garbage of setting them up.
/// </summary>
internal static class IdleMeasurement
{
    /// <summary>Measures <paramref name="streams"/> idle streams against <paramref name="server"/>.</summary>
    public static async Task<IdleResult> RunAsync(ServerProcess server, ChannelSet channels, int streams, CancellationToken cancel)
    {
        var time = TimeProvider.System;
        await Task.Delay(TimeSpan.FromSeconds(1), time, cancel).ConfigureAwait(false);
        var before = await server.ScrapeAsync(cancel).ConfigureAwait(false);
        using var set = new IdleStreamSet();
        await set.OpenAsync(channels.Clients, streams, cancel).ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(2), time, cancel).ConfigureAwait(false);
        var after = await server.ScrapeAsync(cancel).ConfigureAwait(false);
        set.Dispose();
        await LevelRunner.WaitForIdleServerAsync(server, before.ActiveStreams, cancel).ConfigureAwait(false);
        return new IdleResult
        {
            Kind = server.Kind,
            Streams = streams,
            ActiveStreamsSeen = after.ActiveStreams - before.ActiveStreams,
            WorkingSetBefore = before.WorkingSetBytes,
            WorkingSetAfter = after.WorkingSetBytes,
            ManagedBefore = before.ManagedBytes,
            ManagedAfter = after.ManagedBytes,
        };
    }
}
