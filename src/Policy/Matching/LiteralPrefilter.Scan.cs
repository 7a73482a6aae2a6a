using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hush.Policy.Matching;

internal sealed partial class LiteralPrefilter
{
    /// <summary>
    /// The first index at or after <paramref name="from"/> where some literal may start, or -1. A returned index
    /// passed the bigram table and, with four bytes left, the hashed prefix bitmap; every index where a literal
    /// does start (ignoring ASCII case) is returned by some call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int NextCandidate(ReadOnlySpan<byte> data, int from)
    {
        if (_hasSingleByte)
        {
            return NextCandidateWithSingles(data, from);
        }

        var last = data.Length - 1;
        ref var d = ref MemoryMarshal.GetReference(data);
        ref var flags = ref MemoryMarshal.GetArrayDataReference(_bigramFlags);
        var i = from;

        // Positions with four bytes left read a whole prefix; the last three fall back to the bigram alone. Blocks
        // of eight positions whose bigrams all miss (nearly all of them in text without keywords) cost eight loads and
        // one predictable branch; the others go to the trigram and prefix tests out of line.
        var end4 = data.Length - 3;
        for (; i + 7 < end4; i += 8)
        {
            if ((Unsafe.Add(ref flags, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref d, i)))
                 | Unsafe.Add(ref flags, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref d, i + 1)))
                 | Unsafe.Add(ref flags, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref d, i + 2)))
                 | Unsafe.Add(ref flags, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref d, i + 3)))
                 | Unsafe.Add(ref flags, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref d, i + 4)))
                 | Unsafe.Add(ref flags, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref d, i + 5)))
                 | Unsafe.Add(ref flags, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref d, i + 6)))
                 | Unsafe.Add(ref flags, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref d, i + 7)))) != 0)
            {
                var hit = FirstInBlock(ref d, i);
                if (hit >= 0)
                {
                    return hit;
                }
            }
        }

        for (; i < end4; i++)
        {
            var f = Unsafe.Add(ref flags, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref d, i)));
            if (f != 0 && PrefixMayMatch(f, Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref d, i))))
            {
                return i;
            }
        }

        for (; i < last; i++)
        {
            if (Unsafe.Add(ref flags, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref d, i))) != 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The first of the eight positions from <paramref name="i"/> that passes both stages, or -1.</summary>
    /// <remarks>
    /// On keyword-dense text most blocks hold a bigram hit ("se", "to", "pa" start many words). A branch-free bit
    /// mask of the block's positions whose folded trigram may start a literal (a few percent of positions, against a
    /// sixth for bigrams) makes the loop below run once per trigram hit instead of branching, unpredictably, at every
    /// bigram hit.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int FirstInBlock(ref byte d, int i)
    {
        ref var flags = ref MemoryMarshal.GetArrayDataReference(_bigramFlags);
        ref var trigrams = ref MemoryMarshal.GetArrayDataReference(_trigramBitmap);

        // Unrolled by hand: the JIT does not unroll the loop, and its shifts by a variable k cost more than the probes.
        var mask = TrigramBit(ref trigrams, ref d, i)
            | (TrigramBit(ref trigrams, ref d, i + 1) << 1)
            | (TrigramBit(ref trigrams, ref d, i + 2) << 2)
            | (TrigramBit(ref trigrams, ref d, i + 3) << 3)
            | (TrigramBit(ref trigrams, ref d, i + 4) << 4)
            | (TrigramBit(ref trigrams, ref d, i + 5) << 5)
            | (TrigramBit(ref trigrams, ref d, i + 6) << 6)
            | (TrigramBit(ref trigrams, ref d, i + 7) << 7);
        while (mask != 0)
        {
            var at = i + BitOperations.TrailingZeroCount(mask);
            var f = Unsafe.Add(ref flags, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref d, at)));
            if (PrefixMayMatch(f, Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref d, at))))
            {
                return at;
            }

            mask &= mask - 1;
        }

        return -1;
    }

    /// <summary>1 when the folded trigram at <paramref name="i"/> may start a literal, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong TrigramBit(ref ulong trigrams, ref byte d, int i)
    {
        var bit = TrigramHash(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref d, i)));
        return (Unsafe.Add(ref trigrams, (int)(bit >> 6)) >> (int)(bit & 63)) & 1;
    }

    /// <summary>Whether a literal of a bigram with flags <paramref name="f"/> may start at the four bytes <paramref name="raw"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool PrefixMayMatch(byte f, uint raw)
    {
        if ((f & HasLength2) != 0)
        {
            return true;
        }

        var lowered = LowerAscii4(raw);
        ref var bitmap = ref MemoryMarshal.GetArrayDataReference(_prefixBitmap);
        if ((f & HasLong) != 0)
        {
            var bit = Hash4(lowered);
            if ((Unsafe.Add(ref bitmap, (int)(bit >> 6)) & (1UL << (int)(bit & 63))) != 0)
            {
                return true;
            }
        }

        if ((f & HasLength3) != 0)
        {
            var bit = Hash3(lowered & 0xFFFFFF);
            return (Unsafe.Add(ref bitmap, (int)(bit >> 6)) & (1UL << (int)(bit & 63))) != 0;
        }

        return false;
    }

    private int NextCandidateWithSingles(ReadOnlySpan<byte> data, int from)
    {
        for (var i = from; i < data.Length; i++)
        {
            if (_singleByte[data[i]].Length != 0 || (i + 1 < data.Length && _bigramFlags[data[i] | (data[i + 1] << 8)] != 0))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Lower-cases the ASCII letters of four packed bytes at once: a byte is upper-case when adding 0x3F to its low
    /// seven bits carries into bit 7 but adding 0x25 does not, and its own bit 7 is clear.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint LowerAscii4(uint x)
    {
        var low7 = x & 0x7F7F7F7Fu;
        var upper = ((low7 + 0x3F3F3F3Fu) ^ (low7 + 0x25252525u)) & ~x & 0x80808080u;
        return x | (upper >> 2);
    }

    /// <summary><see cref="LowerAscii4(uint)"/> for eight packed bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong LowerAscii8(ulong x)
    {
        var low7 = x & 0x7F7F7F7F7F7F7F7FUL;
        var upper = ((low7 + 0x3F3F3F3F3F3F3F3FUL) ^ (low7 + 0x2525252525252525UL)) & ~x & 0x8080808080808080UL;
        return x | (upper >> 2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ReadUInt32(ReadOnlySpan<byte> data, int index) =>
        Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref MemoryMarshal.GetReference(data), index));

    /// <summary>Bit of a lower-cased four-byte prefix (little-endian) in the prefix bitmap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash4(uint key) => (key * 0x9E3779B1u) >> (32 - PrefixBits);

    /// <summary>
    /// Bit in the trigram bitmap of the first three of four packed bytes, with bits 5 (ASCII case) and 7 cleared:
    /// folding more than case only merges a few byte pairs, which costs false hits, never misses.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint TrigramHash(uint raw) => ((raw & 0x5F5F5Fu) * 0x9E3779B1u) >> (32 - TrigramBits);

    /// <summary>Bit of a lower-cased three-byte prefix in the prefix bitmap (another multiplier than four-byte prefixes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash3(uint key) => (key * 0x85EBCA6Bu) >> (32 - PrefixBits);

    /// <summary>Bucket of literals of four or more bytes with a given lower-cased prefix.</summary>
    private static int LongBucket(uint key) => (int)((key * 0x9E3779B1u) >> (32 - LongBucketBits));
}
