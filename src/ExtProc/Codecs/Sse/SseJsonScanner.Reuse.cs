using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Unicode;

namespace Hush.ExtProc.Codecs.Sse;

internal sealed partial class SseJsonScanner
{
    private byte[] _last = [];
    private int _lastLength = -1;

    /// <summary>
    /// Streamed events of one answer repeat the same JSON with one string changed (a Chat Completions chunk differs
    /// from the previous one only inside <c>delta.content</c>). When <paramref name="data"/> equals the last
    /// successfully scanned data except inside the quotes of one string value, and the new string body is a valid
    /// JSON string without <c>\u</c> escapes and valid UTF-8, the document parses exactly like the last one with that
    /// one string replaced: only that token is re-decoded. Anything else returns false and the caller scans fully.
    /// </summary>
    private bool TryReuse(ReadOnlySpan<byte> data)
    {
        if (_lastLength < 0)
        {
            return false;
        }

        var last = _last.AsSpan(0, _lastLength);
        var prefix = data.CommonPrefixLength(last);
        if (prefix == data.Length && prefix == last.Length)
        {
            return true;
        }

        var maxSuffix = Math.Min(data.Length, last.Length) - prefix;
        var suffix = 0;
        while (suffix < maxSuffix && data[data.Length - 1 - suffix] == last[last.Length - 1 - suffix])
        {
            suffix++;
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
        if (!IsSimpleStringBody(body, out var escaped))
        {
            return false;
        }

        // Decoded strings after token t move by the change in decoded length.
        var decodedEnd = old.DecodedStart + old.DecodedLength;
        var tail = _decodedLength - decodedEnd;
        var room = old.DecodedLength + (_decoded.Length - _decodedLength);
        if (body.Length > room)
        {
            return false;
        }

        Span<byte> scratch = body.Length <= 256 ? stackalloc byte[256] : new byte[body.Length];
        var written = escaped ? Unescape(body, scratch) : body.Length;
        var decoded = escaped ? scratch[..written] : body;
        if (!Utf8.IsValid(decoded))
        {
            return false;
        }

        var shift = written - old.DecodedLength;
        _decoded.AsSpan(decodedEnd, tail).CopyTo(_decoded.AsSpan(decodedEnd + shift));
        decoded.CopyTo(_decoded.AsSpan(old.DecodedStart));
        _decodedLength += shift;
        tokens[t] = old with { TokenLength = body.Length + 2, DecodedLength = written };
        for (var i = t + 1; i < tokens.Length; i++)
        {
            tokens[i] = tokens[i] with { TokenStart = tokens[i].TokenStart + delta, DecodedStart = tokens[i].DecodedStart + shift };
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

    /// <summary>Whether <paramref name="body"/> is a complete JSON string body with only the simple escapes.</summary>
    private static bool IsSimpleStringBody(ReadOnlySpan<byte> body, out bool escaped)
    {
        escaped = false;
        var p = 0;
        while (true)
        {
            var i = body[p..].IndexOfAny(s_stringStops);
            if (i < 0)
            {
                return true;
            }

            p += i;
            if (body[p] != '\\' || p + 1 >= body.Length || body[p + 1] is not ((byte)'"' or (byte)'\\' or (byte)'/'
                or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t'))
            {
                return false;
            }

            escaped = true;
            p += 2;
        }
    }
}
