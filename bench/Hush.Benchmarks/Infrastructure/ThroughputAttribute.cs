namespace Hush.Benchmarks.Infrastructure;

/// <summary>
/// Marks a benchmark whose operation scans <see cref="Input"/> once; <see cref="RegexBaseline"/> marks the .NET
/// Regex configurations among which the best is the baseline of the ratio column.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ThroughputAttribute : Attribute
{
    /// <summary>Creates the marker.</summary>
    public ThroughputAttribute(ScanInput input, bool regexBaseline = false)
    {
        Input = input;
        RegexBaseline = regexBaseline;
    }

    /// <summary>Input scanned per operation.</summary>
    public ScanInput Input { get; }

    /// <summary>Whether this is a .NET Regex baseline configuration.</summary>
    public bool RegexBaseline { get; }

    /// <summary>Bytes scanned per operation under the current settings.</summary>
    public long Bytes => Input == ScanInput.Corpus ? BenchSettings.CorpusBytes : BenchSettings.RegexSliceBytes;
}
