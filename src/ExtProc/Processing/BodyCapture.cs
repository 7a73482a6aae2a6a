using System.Buffers;

namespace Hush.ExtProc.Processing;

/// <summary>
/// A copy of the bytes one direction released (already masked), up to a cap: the audit record's masked body and,
/// on responses that may be held, the held answer. Bytes past the cap are counted, not kept.
/// </summary>
/// <remarks>
/// Every stream captures its bodies, and with hold rules in the policy a streamed response is kept whole (up to
/// <c>Hush:MaxBufferedBodyBytes</c>) so an approver can read it. The bytes live in fixed segments (2 KiB, then
/// 16 KiB each) from a pool of this class's own: growing never copies, and a thousand streams that start and end
/// all the time rent and return the same few sizes. Growing one array by doubling from the shared pool missed the
/// pool about half the time at 1,000 streams (its per-core stacks hold 32 arrays of a size), so each exchange left
/// up to 255 KiB of garbage in 1–128 KiB arrays. <see cref="Dispose"/> returns the segments; the capture must not
/// be read after that.
/// </remarks>
internal sealed class BodyCapture : IDisposable
{
    /// <summary>Size of the first segment: most prompts and short answers fit.</summary>
    internal const int FirstSegmentBytes = 2 * 1024;

    /// <summary>Size of every later segment.</summary>
    internal const int SegmentBytes = 16 * 1024;

    // At most 1,024 free segments of each size are kept: 16 MiB and 2 MiB when idle after a peak.
    private static readonly ArrayPool<byte> s_segments = ArrayPool<byte>.Create(SegmentBytes, 1024);

    private byte[][] _segments = [];
    private int _segmentCount;
    private int _count;

    /// <summary>Creates a capture keeping at most <paramref name="cap"/> bytes.</summary>
    public BodyCapture(int cap)
    {
        Cap = cap;
    }

    /// <summary>Most bytes kept.</summary>
    public int Cap { get; }

    /// <summary>Bytes offered in total (kept or not).</summary>
    public long Length { get; private set; }

    /// <summary>Bytes kept: the first <see cref="Count"/> bytes offered.</summary>
    public int Count => _count;

    /// <summary>True when some bytes were not kept.</summary>
    public bool Truncated => Length > _count;

    /// <summary>Keeps what fits of <paramref name="released"/>.</summary>
    public void Append(ReadOnlySpan<byte> released)
    {
        Length += released.Length;
        var take = Math.Min(released.Length, Cap - _count);
        if (take <= 0)
        {
            return;
        }

        var rest = released[..take];
        while (!rest.IsEmpty)
        {
            var (segment, offset) = Locate(_count);
            if (segment == _segmentCount)
            {
                AddSegment();
            }

            var room = _segments[segment].AsSpan(offset, SegmentLength(segment) - offset);
            var part = Math.Min(room.Length, rest.Length);
            rest[..part].CopyTo(room);
            rest = rest[part..];
            _count += part;
        }
    }

    /// <summary>Copies kept bytes from <paramref name="start"/> on into <paramref name="destination"/>, as many as it holds.</summary>
    public void CopyTo(Span<byte> destination, int start = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(destination.Length, _count - start);
        while (!destination.IsEmpty)
        {
            var (segment, offset) = Locate(start);
            var part = Math.Min(SegmentLength(segment) - offset, destination.Length);
            _segments[segment].AsSpan(offset, part).CopyTo(destination);
            destination = destination[part..];
            start += part;
        }
    }

    /// <summary>A new array with the kept bytes from <paramref name="start"/> on.</summary>
    public byte[] ToArray(int start = 0)
    {
        var copy = GC.AllocateUninitializedArray<byte>(_count - start);
        CopyTo(copy, start);
        return copy;
    }

    /// <summary>Returns the segments to the pool.</summary>
    public void Dispose()
    {
        for (var i = 0; i < _segmentCount; i++)
        {
            s_segments.Return(_segments[i]);
            _segments[i] = null!;
        }

        _segmentCount = 0;
        _count = 0;
    }

    private static int SegmentLength(int segment) => segment == 0 ? FirstSegmentBytes : SegmentBytes;

    private static (int Segment, int Offset) Locate(int position) =>
        position < FirstSegmentBytes
            ? (0, position)
            : (1 + ((position - FirstSegmentBytes) / SegmentBytes), (position - FirstSegmentBytes) % SegmentBytes);

    private void AddSegment()
    {
        if (_segmentCount == _segments.Length)
        {
            Array.Resize(ref _segments, Math.Max(4, _segments.Length * 2));
        }

        _segments[_segmentCount] = s_segments.Rent(SegmentLength(_segmentCount));
        _segmentCount++;
    }
}
