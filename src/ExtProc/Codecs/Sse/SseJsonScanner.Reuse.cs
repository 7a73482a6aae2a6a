using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Unicode;

namespace Hush.ExtProc.Codecs.Sse;

internal sealed partial class SseJsonScanner
{
    private static readonly SearchValues<byte> s_numberBytes = SearchValues.Create("0123456789-+.eE"u8);

    private readonly List<(int Start, int Length, bool Keyed)> _numbers = [];
    private byte[] _last = [];
    private int _lastLength = -1;
    private byte[] _spare = [];
    private int[] _moves = new int[64];

    /// <summary>
    /// Streamed events of one answer repeat the same JSON with a few values changed (a Chat Completions chunk differs
    /// from the previous one in <c>delta.content</c> and maybe an <c>obfuscation</c> string, a Responses delta in
    /// <c>sequence_number</c> and <c>delta</c>). Walks <paramref name="data"/> against the last successfully scanned
    /// data value by value: every byte outside string bodies and numbers must be equal; a changed string body must be
    /// a valid JSON string (simple escapes only) of valid UTF-8; a changed number must be a plain integer and not one
    /// the schemas key streams by. Then the document has the same structure, paths and keyed numbers, and only the
    /// string positions and decoded texts change. Anything else returns false and the caller scans fully.
    /// </summary>
    private bool TryReuse(ReadOnlySpan<byte> data)
    {
        if (_lastLength < 0)
        {
            return false;
        }

        var last = _last.AsSpan(0, _lastLength);
        var prefix = data.CommonPrefixLength(last);
        var suffix = CommonSuffixLength(data, last, Math.Min(data.Length, last.Length) - prefix);
        return TryReuseOne(data, prefix, suffix) || TryReuseWalk(data, prefix, suffix);
    }

    /// <summary>The general case of <see cref="TryReuse"/>: walks value by value, re-decoding every changed string.</summary>
    /// <remarks>
    /// Values inside a run of equal bytes (the common prefix, then after each change one common-prefix compare) and
    /// those inside the common suffix once the walk is aligned with it keep their parse, shifted by the changes before
    /// them; only changed values are walked. A Responses delta changes its <c>sequence_number</c> and <c>delta</c>.
    /// </remarks>
    private bool TryReuseWalk(ReadOnlySpan<byte> data, int prefix, int suffix)
    {
        var last = _last.AsSpan(0, _lastLength);
        var tokens = CollectionsMarshal.AsSpan(_tokens);
        var numbers = CollectionsMarshal.AsSpan(_numbers);
        if (_moves.Length < (4 * tokens.Length) + (2 * numbers.Length))
        {
            _moves = new int[Math.Max(_moves.Length * 2, (4 * tokens.Length) + (2 * numbers.Length))];
        }

        // Decoding never lengthens a string: the changed strings' texts fit in the data's length.
        EnsureDecodedRoom(data.Length);
        var cleanFrom = last.Length - suffix;
        var delta = data.Length - last.Length;
        var moves = _moves.AsSpan();
        var arena = _decoded.AsSpan();
        var oldPos = 0;
        var newPos = 0;
        var decoded = _decodedLength;
        var t = 0;
        var n = 0;
        var aligned = false;

        // Old positions before `equalTo` hold the same bytes as the data at the walk's current shift (-1: unknown);
        // at the start that is the common prefix.
        var equalTo = prefix;
        while (t < tokens.Length || n < numbers.Length)
        {
            if (oldPos >= cleanFrom && newPos - oldPos == delta)
            {
                aligned = true;
                break;
            }

            var isString = t < tokens.Length && (n == numbers.Length || tokens[t].TokenStart < numbers[n].Start);
            var itemStart = isString ? tokens[t].TokenStart : numbers[n].Start;
            var itemEnd = isString ? itemStart + tokens[t].TokenLength : numbers[n].Start + numbers[n].Length;
            if (equalTo < 0)
            {
                equalTo = oldPos + data[newPos..].CommonPrefixLength(last[oldPos..]);
            }

            // A string ends with its quote, so one ending inside the equal bytes is whole. A number ending where they
            // end may have grown ("12" to "123"): it is walked, so the change is accepted instead of failing the gap
            // check after it.
            if (isString ? itemEnd <= equalTo : itemEnd < equalTo)
            {
                // Unchanged value: keep its parse (and its decoded text where it is), moved by the shift.
                var shift = newPos - oldPos;
                if (isString)
                {
                    var same = tokens[t];
                    moves[4 * t] = same.TokenStart + shift;
                    moves[(4 * t) + 1] = same.TokenLength;
                    moves[(4 * t) + 2] = same.DecodedStart;
                    moves[(4 * t) + 3] = same.DecodedLength;
                    t++;
                }
                else
                {
                    var at = (4 * tokens.Length) + (2 * n);
                    moves[at] = numbers[n].Start + shift;
                    moves[at + 1] = numbers[n].Length;
                    n++;
                }

                oldPos = itemEnd;
                newPos = itemEnd + shift;
                continue;
            }

            equalTo = -1;
            var fixedLength = itemStart - oldPos;
            if (newPos + fixedLength > data.Length || !data.Slice(newPos, fixedLength).SequenceEqual(last.Slice(oldPos, fixedLength)))
            {
                return false;
            }

            newPos += fixedLength;
            if (isString)
            {
                // A changed string (an unchanged one was skipped above): its text goes to the arena's end.
                var old = tokens[t];
                var rest = data[newPos..];
                var escaped = false;
                var bodyLength = rest.IsEmpty || rest[0] != '"' ? -1 : SimpleStringBodyLength(rest[1..], out escaped);
                if (bodyLength < 0)
                {
                    return false;
                }

                var body = rest.Slice(1, bodyLength);
                var written = escaped ? Unescape(body, arena[decoded..]) : body.Length;
                if (!escaped)
                {
                    body.CopyTo(arena[decoded..]);
                }

                if (!Utf8.IsValid(arena.Slice(decoded, written)))
                {
                    return false;
                }

                moves[4 * t] = newPos;
                moves[(4 * t) + 1] = bodyLength + 2;
                moves[(4 * t) + 2] = decoded;
                moves[(4 * t) + 3] = written;
                decoded += written;
                newPos += bodyLength + 2;
                oldPos = old.TokenStart + old.TokenLength;
                t++;
            }
            else
            {
                var number = numbers[n];
                var length = data[newPos..].IndexOfAnyExcept(s_numberBytes);
                length = length < 0 ? data.Length - newPos : length;
                var value = data.Slice(newPos, length);
                if (!value.SequenceEqual(last.Slice(number.Start, number.Length)) && (number.Keyed || !IsPlainInteger(value)))
                {
                    return false;
                }

                var at = (4 * tokens.Length) + (2 * n);
                moves[at] = newPos;
                moves[at + 1] = length;
                newPos += length;
                oldPos = number.Start + number.Length;
                n++;
            }
        }

        if (!aligned && (data.Length - newPos != last.Length - oldPos || !data[newPos..].SequenceEqual(last[oldPos..])))
        {
            return false;
        }

        for (var i = 0; i < t; i++)
        {
            tokens[i] = tokens[i] with
            {
                TokenStart = moves[4 * i], TokenLength = moves[(4 * i) + 1], DecodedStart = moves[(4 * i) + 2], DecodedLength = moves[(4 * i) + 3],
            };
        }

        // The values left (all inside the common suffix) keep their parse, shifted by the changes before them.
        for (var i = t; i < tokens.Length; i++)
        {
            tokens[i] = tokens[i] with { TokenStart = tokens[i].TokenStart + delta };
        }

        for (var i = 0; i < n; i++)
        {
            var at = (4 * tokens.Length) + (2 * i);
            numbers[i] = (moves[at], moves[at + 1], numbers[i].Keyed);
        }

        for (var i = n; i < numbers.Length; i++)
        {
            numbers[i].Start += delta;
        }

        _decodedLength = decoded;
        Remember(data);
        return true;
    }

    /// <summary>
    /// Room for <paramref name="needed"/> more bytes at the end of the decoded arena. The reuse paths write a changed
    /// string's text there and leave unchanged texts where they are, so most of an event's decoded bytes are never
    /// copied again; when the arena is full, the live texts (those the tokens point at) move to the front of the
    /// spare buffer, in token order, and the buffers swap.
    /// </summary>
    private void EnsureDecodedRoom(int needed)
    {
        if (_decoded.Length - _decodedLength >= needed)
        {
            return;
        }

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
            token = token with { DecodedStart = at };
            at += token.DecodedLength;
        }

        (_decoded, _spare) = (_spare, _decoded);
        _decodedLength = at;
    }

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
    /// one string (or not at all); that string is re-decoded in place and later positions shift.
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
        var target = _decoded.AsSpan(at, body.Length);
        var written = escaped ? Unescape(body, target) : body.Length;
        if (!escaped)
        {
            body.CopyTo(target);
        }

        if (!Utf8.IsValid(target[..written]))
        {
            return false;
        }

        _decodedLength = at + written;
        tokens[t] = tokens[t] with { TokenLength = body.Length + 2, DecodedStart = at, DecodedLength = written };
        for (var i = t + 1; i < tokens.Length; i++)
        {
            tokens[i] = tokens[i] with { TokenStart = tokens[i].TokenStart + delta };
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

    /// <summary>Records a number token for <see cref="TryReuse"/>.</summary>
    private void AddNumber(int start, int length, int depth) => _numbers.Add((start, length, IsKeyNumber(depth)));

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
