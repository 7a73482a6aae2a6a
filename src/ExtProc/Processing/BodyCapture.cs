using System.Buffers;

namespace Hush.ExtProc.Processing;

/// <summary>
/// A copy of the bytes one direction released (already masked), up to a cap: the audit record's masked body and,
/// on responses that may be held, the held answer. Bytes past the cap are counted, not kept.
/// </summary>
internal sealed class BodyCapture
{
    private readonly ArrayBufferWriter<byte> _bytes = new(1024);

    /// <summary>Creates a capture keeping at most <paramref name="cap"/> bytes.</summary>
    public BodyCapture(int cap)
    {
        Cap = cap;
    }

    /// <summary>Most bytes kept.</summary>
    public int Cap { get; }

    /// <summary>Bytes offered in total (kept or not).</summary>
    public long Length { get; private set; }

    /// <summary>True when some bytes were not kept.</summary>
    public bool Truncated => Length > _bytes.WrittenCount;

    /// <summary>The kept bytes.</summary>
    public ReadOnlySpan<byte> Written => _bytes.WrittenSpan;

    /// <summary>Keeps what fits of <paramref name="released"/>.</summary>
    public void Append(ReadOnlySpan<byte> released)
    {
        Length += released.Length;
        var room = Cap - _bytes.WrittenCount;
        if (room <= 0 || released.IsEmpty)
        {
            return;
        }

        _bytes.Write(released.Length <= room ? released : released[..room]);
    }
}
