namespace Hush.ExtProc.Codecs.Json;

/// <summary>A released replacement of the open string's matcher, waiting for the units it covers to be written.</summary>
internal struct PendingReplacement
{
    /// <summary>Decoded offset of the first replaced byte.</summary>
    public long Start;

    /// <summary>Decoded offset just after the last replaced byte.</summary>
    public long End;

    /// <summary>Where the replacement text starts in the codec's replacement-text buffer.</summary>
    public int TextOffset;

    /// <summary>Length of the replacement text (decoded bytes, encoded when written).</summary>
    public int TextLength;

    /// <summary>True once the replacement text has been written.</summary>
    public bool Written;
}
