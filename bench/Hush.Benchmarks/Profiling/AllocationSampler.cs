using System.Diagnostics.Tracing;

namespace Hush.Benchmarks.Profiling;

/// <summary>
/// Samples the runtime's own allocation events (<c>GCAllocationTick</c>, one about every 100 KB allocated, naming
/// the type that crossed the mark) while <see cref="Sampling"/> is on: which types make a loop's garbage, without an
/// external profiler. Events arrive on the runtime's dispatch thread; <see cref="Top"/> waits for them to drain.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const long GcKeyword = 0x1;
    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Whether events are counted now.</summary>
    public bool Sampling { get; set; }

    /// <summary>The <paramref name="count"/> types with the most sampled bytes, with their share of all sampled bytes.</summary>
    public List<(string Type, double Share)> Top(int count)
    {
        Sampling = false;
        Thread.Sleep(TimeSpan.FromMilliseconds(500));
        List<KeyValuePair<string, long>> all;
        lock (_gate)
        {
            all = [.. _bytes];
        }

        all.Sort((a, b) => b.Value.CompareTo(a.Value));
        var total = 0L;
        foreach (var entry in all)
        {
            total += entry.Value;
        }

        var top = new List<(string, double)>();
        for (var i = 0; i < all.Count && i < count; i++)
        {
            top.Add((all[i].Key, (double)all[i].Value / total));
        }

        return top;
    }

    /// <inheritdoc />
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeSource)
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
        }
    }

    /// <inheritdoc />
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!Sampling || eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true
            || eventData.PayloadNames is not { } names || eventData.Payload is not { } payload)
        {
            return;
        }

        var type = names.IndexOf("TypeName");
        var amount = names.IndexOf("AllocationAmount64");
        if (type < 0 || amount < 0 || payload[type] is not string name || payload[amount] is not ulong bytes)
        {
            return;
        }

        lock (_gate)
        {
            _bytes[name] = _bytes.GetValueOrDefault(name) + (long)bytes;
        }
    }
}
