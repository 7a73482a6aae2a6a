namespace Hush.Policy.Matching;

/// <summary>The log of released replacements, for callers that need input-to-output alignment.</summary>
public sealed partial class StreamingMatcher
{
    private ReleasedReplacement[] _replacementLog = [];
    private int _replacementCount;

    /// <summary>
    /// Replacements released since the last <see cref="ClearReplacements"/>, in stream order. Everything else
    /// released is input copied unchanged, so output position = input position + Σ(OutputLength − (End − Start))
    /// over the replacements before it.
    /// </summary>
    public ReadOnlySpan<ReleasedReplacement> Replacements => _replacementLog.AsSpan(0, _replacementCount);

    /// <summary>Bytes released so far (input coordinates): everything before this position has been written out.</summary>
    public long ReleasedPosition => _released;

    /// <summary>Turns the replacement log on (off by default, so plain masking keeps no per-mask state).</summary>
    public bool RecordReplacements { get; set; }

    /// <summary>Forgets the replacements reported so far.</summary>
    public void ClearReplacements() => _replacementCount = 0;

    private void LogReplacement(long start, long end, int outputLength)
    {
        if (!RecordReplacements)
        {
            return;
        }

        if (_replacementCount == _replacementLog.Length)
        {
            Array.Resize(ref _replacementLog, Math.Max(4, _replacementLog.Length * 2));
        }

        _replacementLog[_replacementCount++] = new ReleasedReplacement(start, end, outputLength);
    }
}
