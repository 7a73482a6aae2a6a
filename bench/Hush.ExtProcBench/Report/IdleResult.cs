namespace Hush.ExtProcBench.Report;

/// <summary>Server memory with N idle streams open versus before (no GC forced, as in production).</summary>
internal sealed record IdleResult
{
    /// <summary>Processor under test.</summary>
    public required ProcessorKind Kind { get; init; }

    /// <summary>Idle streams held open.</summary>
    public required int Streams { get; init; }

    /// <summary>Increase of hush_extproc_active_streams seen by the server.</summary>
    public required double ActiveStreamsSeen { get; init; }

    /// <summary>Working set before (bytes).</summary>
    public required double WorkingSetBefore { get; init; }

    /// <summary>Working set with the streams open (bytes).</summary>
    public required double WorkingSetAfter { get; init; }

    /// <summary>Managed heap before (bytes, dotnet_total_memory_bytes).</summary>
    public required double ManagedBefore { get; init; }

    /// <summary>Managed heap with the streams open (bytes).</summary>
    public required double ManagedAfter { get; init; }

    /// <summary>Working-set bytes per idle stream.</summary>
    public double WorkingSetPerStream => Streams > 0 ? (WorkingSetAfter - WorkingSetBefore) / Streams : double.NaN;

    /// <summary>Managed-heap bytes per idle stream.</summary>
    public double ManagedPerStream => Streams > 0 ? (ManagedAfter - ManagedBefore) / Streams : double.NaN;
}
