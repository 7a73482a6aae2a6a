using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Unicode;

namespace Hush.ExtProc.Codecs.Sse;

internal sealed partial class SseJsonScanner
{
    /// <summary>Length of the common suffix of <paramref name="a"/> and <paramref name="b"/>, at most <paramref name="max"/>.</summary>
    private static int CommonSuffixLength(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int max)
    {
        var suffix = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            // 16 bytes from the end at a time: bit i of `differs` is byte i of the block, so the equal bytes at the
            // block's end are the leading zeros of the 16-bit mask.
            ref var aRef = ref MemoryMarshal.GetReference(a);
            ref var bRef = ref MemoryMarshal.GetReference(b);
            while (suffix + Vector128<byte>.Count <= max)
            {
                var aBlock = Vector128.LoadUnsafe(ref aRef, (nuint)(a.Length - suffix - Vector128<byte>.Count));
                var bBlock = Vector128.LoadUnsafe(ref bRef, (nuint)(b.Length - suffix - Vector128<byte>.Count));
                var differs = ~Vector128.Equals(aBlock, bBlock).ExtractMostSignificantBits() & 0xFFFFu;
                if (differs != 0)
                {
                    return suffix + BitOperations.LeadingZeroCount(differs) - 16;
                }

                suffix += Vector128<byte>.Count;
            }
        }

        while (suffix < max && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix])
        {
            suffix++;
        }

        return suffix;
    }

    /// <summary>
    /// The common case of <see cref="TryReuse"/>, cheaper: the data differs from the last only between the quotes of
    /// one string (or not at all); that string is re-decoded to the arena's end and later token positions shift.
    /// </summary>
    private bool TryReuseOne(ReadOnlySpan<byte> data, int prefix, int suffix)
    {
        var last = _last.AsSpan(0, _lastLength);
        if (prefix == data.Length && prefix == last.Length)
        {
            return true;
        }

        var tokens = CollectionsMarshal.AsSpan(_tokens);
        var t = 0;
        while (t < tokens.Length && tokens[t].TokenStart + tokens[t].TokenLength <= prefix)
        {
            t++;
        }

        // The changed bytes must lie strictly between the quotes of token t (both quotes unchanged).
        if (t == tokens.Length || tokens[t].TokenStart >= prefix
            || last.Length - suffix > tokens[t].TokenStart + tokens[t].TokenLength - 1)
        {
            return false;
        }

        var old = tokens[t];
        var delta = data.Length - last.Length;
        var body = data.Slice(old.TokenStart + 1, old.TokenLength - 2 + delta);
        if (SimpleStringBodyLength(body, out var escaped, wholeSpan: true) != body.Length)
        {
            return false;
        }

        // The new text goes to the arena's end; the old one is left behind (see EnsureDecodedRoom).
        EnsureDecodedRoom(body.Length);
        var at = _decodedLength;
        var written = DecodeSimple(body, escaped, _decoded.AsSpan(at, body.Length));
        if (written < 0)
        {
            return false;
        }

        _decodedLength = at + written;
        ref var changed = ref tokens[t];
        changed.TokenLength = body.Length + 2;
        changed.DecodedStart = at;
        changed.DecodedLength = written;
        for (var i = t + 1; i < tokens.Length; i++)
        {
            tokens[i].TokenStart += delta;
        }

        foreach (ref var number in CollectionsMarshal.AsSpan(_numbers))
        {
            if (number.Start > old.TokenStart)
            {
                number.Start += delta;
            }
        }

        Remember(data);
        return true;
    }

    /// <summary>
    /// Decodes a string body <see cref="SimpleStringBodyLength"/> accepted into <paramref name="target"/> (room for the
    /// body's length); returns the decoded length, or -1 when the text is not valid UTF-8.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DecodeSimple(ReadOnlySpan<byte> body, bool escaped, Span<byte> target)
    {
        var written = escaped ? Unescape(body, target) : body.Length;
        if (!escaped)
        {
            body.CopyTo(target);
        }

        return Utf8.IsValid(target[..written]) ? written : -1;
    }

    /// <summary>
    /// Length of the string body at the start of <paramref name="rest"/> up to its closing quote, or -1 when it has a
    /// control character, a <c>\u</c> or invalid escape, or no closing quote. With <paramref name="wholeSpan"/> the
    /// body is all of <paramref name="rest"/> (no closing quote expected; a quote in it is invalid).
    /// </summary>
    private static int SimpleStringBodyLength(ReadOnlySpan<byte> rest, out bool escaped, bool wholeSpan = false)
    {
        escaped = false;
        var p = 0;
        while (true)
        {
            var i = rest[p..].IndexOfAny(s_stringStops);
            if (i < 0)
            {
                return wholeSpan ? rest.Length : -1;
            }

            p += i;
            if (rest[p] == '"')
            {
                return wholeSpan ? -1 : p;
            }

            if (rest[p] != '\\' || p + 1 >= rest.Length || rest[p + 1] is not ((byte)'"' or (byte)'\\' or (byte)'/'
                or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t'))
            {
                return -1;
            }

            escaped = true;
            p += 2;
        }
    }

    /// <summary>A JSON integer: optional minus, no leading zero, 1 to 18 digits.</summary>
    private static bool IsPlainInteger(ReadOnlySpan<byte> value)
    {
        var digits = value.Length > 0 && value[0] == '-' ? value[1..] : value;
        return digits.Length is > 0 and <= 18 && !digits.ContainsAnyExceptInRange((byte)'0', (byte)'9')
            && (digits.Length == 1 || digits[0] != '0');
    }
}
