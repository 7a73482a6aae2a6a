namespace Hush.ExtProcBench.Report;

/// <summary>Facts about the run printed above the tables.</summary>
internal sealed record RunInfo
{
    /// <summary>Start time (UTC).</summary>
    public required DateTimeOffset Started { get; init; }

    /// <summary>Total run time.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Machine description.</summary>
    public required string Machine { get; init; }

    /// <summary>Load averages when the run started.</summary>
    public required string LoadBefore { get; init; }

    /// <summary>Load averages when the run ended.</summary>
    public required string LoadAfter { get; init; }

    /// <summary>How the tool was invoked.</summary>
    public required string Command { get; init; }

    /// <summary>Server assembly used.</summary>
    public required string ServerDll { get; init; }

    /// <summary>Policy artifact used.</summary>
    public required string Policy { get; init; }
}
