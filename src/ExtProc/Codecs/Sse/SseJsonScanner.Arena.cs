using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hush.ExtProc.Codecs.Sse;

internal sealed partial class SseJsonScanner
{
    /// <summary>
    /// Room for <paramref name="needed"/> more bytes at the end of the decoded arena. The reuse paths write a changed
    /// string's text there and leave unchanged texts where they are, so most of an event's decoded bytes are never
    /// copied again; when the arena is full, the live texts (those the tokens point at) move to the front of the
    /// spare buffer, in token order, and the buffers swap.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EnsureDecodedRoom(int needed)
    {
        if (_decoded.Length - _decodedLength < needed)
        {
            CompactDecoded(needed);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CompactDecoded(int needed)
    {
        var tokens = CollectionsMarshal.AsSpan(_tokens);
        var live = 0;
        foreach (ref readonly var token in tokens)
        {
            live += token.DecodedLength;
        }

        // Twice what must fit: a compaction then serves many events before the next.
        var size = Math.Max(1024, 2 * (live + needed));
        if (_spare.Length < size)
        {
            if (_spare.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_spare);
            }

            _spare = ArrayPool<byte>.Shared.Rent(size);
        }

        var at = 0;
        foreach (ref var token in tokens)
        {
            _decoded.AsSpan(token.DecodedStart, token.DecodedLength).CopyTo(_spare.AsSpan(at));
            token.DecodedStart = at;
            at += token.DecodedLength;
        }

        (_decoded, _spare) = (_spare, _decoded);
        _decodedLength = at;
    }

    /// <summary>Keeps a copy of data that scanned successfully, for <see cref="TryReuse"/>.</summary>
    private void Remember(ReadOnlySpan<byte> data)
    {
        if (_last.Length < data.Length)
        {
            if (_last.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_last);
            }

            _last = ArrayPool<byte>.Shared.Rent(Math.Max(256, data.Length));
        }

        data.CopyTo(_last);
        _lastLength = data.Length;
    }
}
