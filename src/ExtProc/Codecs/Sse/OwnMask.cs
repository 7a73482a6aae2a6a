using Hush.Policy.Matching;

namespace Hush.ExtProc.Codecs.Sse;

/// <summary>
/// The last string masked on its own at one slot position of an event (a metadata string, a non-data line): its
/// text, the masked text (null when unchanged) and the matches reported, so the next event's string at the same
/// position is answered without scanning when it is the same.
/// </summary>
internal struct OwnMask
{
    /// <summary>Holds the text in its first <see cref="Length"/> bytes; reused when the string changes.</summary>
    public byte[] Text;

    /// <summary>Length of the text.</summary>
    public int Length;

    /// <summary>The masked text when it differs from the text, else null.</summary>
    public byte[]? Masked;

    /// <summary>The matches masking the text reported.</summary>
    public MatchEvent[] Events;
}
