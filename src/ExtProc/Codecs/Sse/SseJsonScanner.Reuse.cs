using System.Buffers;
using System.Runtime.InteropServices;

namespace Hush.ExtProc.Codecs.Sse;

internal sealed partial class SseJsonScanner
{
    private static readonly SearchValues<byte> s_numberBytes = SearchValues.Create("0123456789-+.eE"u8);

    private readonly List<(int Start, int Length, bool Keyed)> _numbers = [];

    /// <summary>Number values in document order (position, length, whether the schemas key streams by it).</summary>
    public IReadOnlyList<(int Start, int Length, bool Keyed)> Numbers => _numbers;
    private byte[] _last = [];
    private int _lastLength = -1;
    private byte[] _spare = [];

    /// <summary>
    /// Streamed events of one answer repeat the same JSON with a few values changed (a Chat Completions chunk differs
    /// from the previous one in <c>delta.content</c> and maybe an <c>obfuscation</c> string, a Responses delta in
    /// <c>sequence_number</c> and <c>delta</c>). Walks <paramref name="data"/> against the last successfully scanned
    /// data value by value: every byte outside string bodies and numbers must be equal; a changed string body must be
    /// a valid JSON string (simple escapes only) of valid UTF-8; a changed number must be a plain integer and not one
    /// the schemas key streams by. Then the document has the same structure, paths and keyed numbers, and only the
    /// string positions and decoded texts change. Anything else returns false and the caller scans fully.
    /// </summary>
    /// <remarks>
    /// The walk moves tokens and numbers in place as it goes, so a false return leaves the parse half moved: the
    /// caller resets it before scanning (as <see cref="Scan"/> does).
    /// </remarks>
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

        // Decoding never lengthens a string: the changed strings' texts fit in the data's length.
        EnsureDecodedRoom(data.Length);
        var cleanFrom = last.Length - suffix;
        var delta = data.Length - last.Length;
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
                    tokens[t++].TokenStart += shift;
                }
                else
                {
                    numbers[n++].Start += shift;
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
                var written = DecodeSimple(body, escaped, arena[decoded..]);
                if (written < 0)
                {
                    return false;
                }

                ref var token = ref tokens[t++];
                token.TokenStart = newPos;
                token.TokenLength = bodyLength + 2;
                token.DecodedStart = decoded;
                token.DecodedLength = written;
                decoded += written;
                newPos += bodyLength + 2;
                oldPos = old.TokenStart + old.TokenLength;
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

                numbers[n++] = (newPos, length, number.Keyed);
                newPos += length;
                oldPos = number.Start + number.Length;
            }
        }

        if (!aligned && (data.Length - newPos != last.Length - oldPos || !data[newPos..].SequenceEqual(last[oldPos..])))
        {
            return false;
        }

        // The values left (all inside the common suffix) keep their parse, shifted by the changes before them.
        for (var i = t; i < tokens.Length; i++)
        {
            tokens[i].TokenStart += delta;
        }

        for (var i = n; i < numbers.Length; i++)
        {
            numbers[i].Start += delta;
        }

        _decodedLength = decoded;
        Remember(data);
        return true;
    }

    /// <summary>Records a number token for <see cref="TryReuse"/>.</summary>
    private void AddNumber(int start, int length, int depth) => _numbers.Add((start, length, IsKeyNumber(depth)));
}
