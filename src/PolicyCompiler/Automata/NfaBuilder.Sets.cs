using Hush.PolicyCompiler.Syntax;

namespace Hush.PolicyCompiler.Automata;

/// <summary>Character sets: ASCII as byte ranges, non-ASCII as UTF-8 sequences or one byte-wide range.</summary>
internal sealed partial class NfaBuilder
{
    private int CompileSet(CharSetNode set, int next)
    {
        var ranges = set.Ranges;
        var entry = Add(NfaStateKind.Bytes, -1, -1);
        var lists = new Dictionary<int, List<NfaTransition>> { [entry] = [] };
        foreach (var r in ranges)
        {
            if (r.First <= 0x7F)
            {
                lists[entry].Add(new NfaTransition((byte)r.First, (byte)Math.Min(r.Last, 0x7F), next));
            }
        }

        // Shared with the analysis so both agree on the bytes a set matches.
        if (set.IsByteWideNonAscii())
        {
            lists[entry].Add(new NfaTransition(0x80, 0xFF, next));
        }
        else
        {
            // A trie over the UTF-8 byte-range sequences, sharing common leading ranges.
            var children = new Dictionary<(int State, byte Lo, byte Hi), int>();
            Span<byte> los = stackalloc byte[4];
            Span<byte> his = stackalloc byte[4];
            foreach (var r in ranges)
            {
                if (r.Last < 0x80)
                {
                    continue;
                }

                var pending = new Stack<(int First, int Last)>();
                pending.Push((Math.Max(r.First, 0x80), r.Last));
                while (pending.Count > 0)
                {
                    var (first, last) = pending.Pop();
                    var length = SplitUtf8(first, last, pending, los, his);
                    if (length == 0)
                    {
                        continue;
                    }

                    var state = entry;
                    for (var i = 0; i < length - 1; i++)
                    {
                        if (!children.TryGetValue((state, los[i], his[i]), out var child))
                        {
                            child = Add(NfaStateKind.Bytes, -1, -1);
                            lists[child] = [];
                            children[(state, los[i], his[i])] = child;
                            lists[state].Add(new NfaTransition(los[i], his[i], child));
                        }

                        state = child;
                    }

                    lists[state].Add(new NfaTransition(los[length - 1], his[length - 1], next));
                }
            }
        }

        foreach (var (state, list) in lists)
        {
            _transitions[state] = [.. list];
        }

        return entry;
    }

    /// <summary>
    /// Either splits <c>[first, last]</c> (pushing the halves, returning 0) or, when both ends encode to the
    /// same length and differ only in a way byte ranges can express, writes the byte ranges and returns the length.
    /// </summary>
    private static int SplitUtf8(int first, int last, Stack<(int, int)> pending, Span<byte> los, Span<byte> his)
    {
        if (first > last)
        {
            return 0;
        }

        if (first <= 0xDFFF && last >= 0xD800)
        {
            // Surrogates have no UTF-8 encoding.
            if (first < 0xD800)
            {
                pending.Push((first, 0xD7FF));
            }

            if (last > 0xDFFF)
            {
                pending.Push((0xE000, last));
            }

            return 0;
        }

        foreach (var max in (ReadOnlySpan<int>)[0x7F, 0x7FF, 0xFFFF])
        {
            if (first <= max && max < last)
            {
                pending.Push((first, max));
                pending.Push((max + 1, last));
                return 0;
            }
        }

        for (var i = 1; i < 4; i++)
        {
            var m = (1 << (6 * i)) - 1;
            if ((first & ~m) != (last & ~m))
            {
                if ((first & m) != 0)
                {
                    pending.Push((first, first | m));
                    pending.Push(((first | m) + 1, last));
                    return 0;
                }

                if ((last & m) != m)
                {
                    pending.Push((first, (last & ~m) - 1));
                    pending.Push((last & ~m, last));
                    return 0;
                }
            }
        }

        Span<byte> a = stackalloc byte[4];
        Span<byte> b = stackalloc byte[4];
        var n = Encode(first, a);
        Encode(last, b);
        for (var i = 0; i < n; i++)
        {
            los[i] = a[i];
            his[i] = b[i];
        }

        return n;
    }

    private static int Encode(int cp, Span<byte> dst)
    {
        if (cp < 0x80)
        {
            dst[0] = (byte)cp;
            return 1;
        }

        if (cp < 0x800)
        {
            dst[0] = (byte)(0xC0 | (cp >> 6));
            dst[1] = (byte)(0x80 | (cp & 0x3F));
            return 2;
        }

        if (cp < 0x10000)
        {
            dst[0] = (byte)(0xE0 | (cp >> 12));
            dst[1] = (byte)(0x80 | ((cp >> 6) & 0x3F));
            dst[2] = (byte)(0x80 | (cp & 0x3F));
            return 3;
        }

        dst[0] = (byte)(0xF0 | (cp >> 18));
        dst[1] = (byte)(0x80 | ((cp >> 12) & 0x3F));
        dst[2] = (byte)(0x80 | ((cp >> 6) & 0x3F));
        dst[3] = (byte)(0x80 | (cp & 0x3F));
        return 4;
    }
}
