namespace Hush.ExtProc.Codecs.Json;

/// <summary>
/// A run of decoded units of the open string not yet written out: either plain text (raw bytes equal decoded bytes,
/// whole characters, merged across units) or one escape (its raw bytes are released only as a whole).
/// </summary>
internal struct StringSegment
{
    /// <summary>Raw (input) bytes of the run.</summary>
    public int RawLength;

    /// <summary>Decoded bytes of the run (what the matcher scans).</summary>
    public int DecodedLength;

    /// <summary>True for one backslash escape, false for plain text.</summary>
    public bool Escape;
}
