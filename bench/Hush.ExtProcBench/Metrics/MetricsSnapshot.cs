namespace Hush.ExtProcBench.Metrics;

/// <summary>The server figures the benchmark reads from one /metrics scrape.</summary>
internal sealed class MetricsSnapshot
{
    private const string Duration = "hush_extproc_message_duration_seconds";

    /// <summary>ext_proc messages received, all phases.</summary>
    public double Messages { get; private init; }

    /// <summary>Cumulative bucket counts of the per-message duration histogram, all phases summed, by upper bound.</summary>
    public SortedDictionary<double, double> DurationBuckets { get; } = [];

    /// <summary>Sum of all per-message durations (seconds).</summary>
    public double DurationSum { get; private init; }

    /// <summary>process_cpu_seconds_total.</summary>
    public double CpuSeconds { get; private init; }

    /// <summary>dotnet_total_memory_bytes (managed heap, as GC.GetTotalMemory(false)).</summary>
    public double ManagedBytes { get; private init; }

    /// <summary>process_working_set_bytes.</summary>
    public double WorkingSetBytes { get; private init; }

    /// <summary>hush_extproc_active_streams.</summary>
    public double ActiveStreams { get; private init; }

    /// <summary>Secrets masked, all rules.</summary>
    public double Masks { get; private init; }

    /// <summary>Errors counted by the server, all kinds.</summary>
    public double Errors { get; private init; }

    /// <summary>Garbage collections so far (all generations; a gen-2 collection counts in gen 0 and 1 too).</summary>
    public double Collections { get; private init; }

    /// <summary>Gen-2 collections so far.</summary>
    public double Gen2Collections { get; private init; }

    /// <summary>dotnet_gc_pause_seconds_total: time the server was paused for collections so far.</summary>
    public double GcPauseSeconds { get; private init; }

    /// <summary>Extracts the figures from parsed samples.</summary>
    public static MetricsSnapshot From(List<PrometheusSample> samples)
    {
        double messages = 0, sum = 0, cpu = 0, managed = 0, workingSet = 0, active = 0, masks = 0, errors = 0, gen0 = 0, gen2 = 0, pause = 0;
        var buckets = new SortedDictionary<double, double>();
        foreach (var s in samples)
        {
            switch (s.Name)
            {
                case "hush_extproc_messages_total":
                    messages += s.Value;
                    break;
                case Duration + "_bucket" when s.Labels.TryGetValue("le", out var le) && PrometheusText.TryValue(le, out var bound):
                    buckets[bound] = buckets.GetValueOrDefault(bound) + s.Value;
                    break;
                case Duration + "_sum":
                    sum += s.Value;
                    break;
                case "process_cpu_seconds_total":
                    cpu = s.Value;
                    break;
                case "dotnet_total_memory_bytes":
                    managed = s.Value;
                    break;
                case "process_working_set_bytes":
                    workingSet = s.Value;
                    break;
                case "hush_extproc_active_streams":
                    active = s.Value;
                    break;
                case "hush_masks_total":
                    masks += s.Value;
                    break;
                case "hush_errors_total":
                    errors += s.Value;
                    break;
                case "dotnet_gc_pause_seconds_total":
                    pause = s.Value;
                    break;
                case "dotnet_collection_count_total" when s.Labels.TryGetValue("generation", out var generation):
                    if (generation == "0")
                    {
                        gen0 = s.Value;
                    }
                    else if (generation == "2")
                    {
                        gen2 = s.Value;
                    }

                    break;
            }
        }

        var snapshot = new MetricsSnapshot
        {
            Messages = messages,
            DurationSum = sum,
            CpuSeconds = cpu,
            ManagedBytes = managed,
            WorkingSetBytes = workingSet,
            ActiveStreams = active,
            Masks = masks,
            Errors = errors,
            Collections = gen0,
            Gen2Collections = gen2,
            GcPauseSeconds = pause,
        };
        foreach (var (bound, count) in buckets)
        {
            snapshot.DurationBuckets[bound] = count;
        }

        return snapshot;
    }
}
