namespace Hush.PolicyCompiler.Syntax;

/// <summary>
/// The byte-level meaning of a <see cref="CharSetNode"/>, shared by the automaton builder and the analysis so both
/// agree on which bytes a set matches.
/// </summary>
/// <remarks>
/// The dialect matches bytes. ASCII code points are single bytes. A set that contains every non-ASCII code point
/// (U+0080..U+10FFFF except surrogates: <c>.</c>, <c>\D</c>, <c>\W</c>, <c>\S</c>, most negated classes) is
/// <em>byte-wide</em>: its non-ASCII part matches any single byte 0x80..0xFF, so invalid UTF-8 is still matched
/// byte by byte. Any other set matches its non-ASCII code points as their UTF-8 sequences.
/// </remarks>
internal static class CharSetExtensions
{
    /// <summary>Whether the set's non-ASCII part is "any byte 0x80..0xFF" (it contains every non-ASCII code point).</summary>
    public static bool IsByteWideNonAscii(this CharSetNode set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var need = 0x80;
        foreach (var r in set.Ranges)
        {
            if (r.Last < need)
            {
                continue;
            }

            if (r.First > need)
            {
                return false;
            }

            need = r.Last + 1;
            if (need == CharSetOps.SurrogateFirst)
            {
                need = CharSetOps.SurrogateLast + 1;
            }

            if (need > CharSetOps.MaxCodePoint)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the set contains any code point ≥ 0x80.</summary>
    public static bool HasNonAscii(this CharSetNode set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return set.Ranges[^1].Last >= 0x80;
    }

    /// <summary>Fewest bytes one match of the set consumes.</summary>
    public static int MinByteLength(this CharSetNode set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return set.Ranges[0].First < 0x80 || set.IsByteWideNonAscii() ? 1 : Utf8Length(set.Ranges[0].First);
    }

    /// <summary>Most bytes one match of the set consumes (1 for a byte-wide set).</summary>
    public static int MaxByteLength(this CharSetNode set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return set.IsByteWideNonAscii() ? 1 : Utf8Length(set.Ranges[^1].Last);
    }

    /// <summary>Number of UTF-8 bytes of a code point.</summary>
    public static int Utf8Length(int codePoint) => codePoint switch
    {
        < 0x80 => 1,
        < 0x800 => 2,
        < 0x10000 => 3,
        _ => 4,
    };

    /// <summary>
    /// The non-ASCII part of a set that is not byte-wide, as UTF-8 byte-range sequences: each sequence is a list of
    /// inclusive byte ranges, one per byte position, and the union of the sequences matches exactly the UTF-8
    /// encodings of the set's code points ≥ 0x80.
    /// </summary>
    public static List<(byte First, byte Last)[]> NonAsciiUtf8Sequences(this CharSetNode set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var result = new List<(byte, byte)[]>();
        foreach (var r in set.Ranges)
        {
            if (r.Last >= 0x80)
            {
                SplitUtf8(Math.Max(r.First, 0x80), r.Last, result);
            }
        }

        return result;
    }

    // The classic split (as in Rust's utf8-ranges): cut at encoded-length boundaries, then until every byte position
    // of lo and hi spans an independent range.
    private static void SplitUtf8(int lo, int hi, List<(byte, byte)[]> output)
    {
        foreach (var boundary in (ReadOnlySpan<int>)[0x7FF, 0xFFFF])
        {
            if (lo <= boundary && hi > boundary)
            {
                SplitUtf8(lo, boundary, output);
                SplitUtf8(boundary + 1, hi, output);
                return;
            }
        }

        var length = Utf8Length(lo);
        for (var i = 1; i < length; i++)
        {
            var mask = (1 << (6 * i)) - 1;
            if ((lo & ~mask) != (hi & ~mask))
            {
                if ((lo & mask) != 0)
                {
                    SplitUtf8(lo, lo | mask, output);
                    SplitUtf8((lo | mask) + 1, hi, output);
                    return;
                }

                if ((hi & mask) != mask)
                {
                    SplitUtf8(lo, (hi & ~mask) - 1, output);
                    SplitUtf8(hi & ~mask, hi, output);
                    return;
                }
            }
        }

        Span<byte> a = stackalloc byte[4];
        Span<byte> b = stackalloc byte[4];
        Encode(lo, a);
        Encode(hi, b);
        var seq = new (byte, byte)[length];
        for (var i = 0; i < length; i++)
        {
            seq[i] = (a[i], b[i]);
        }

        output.Add(seq);
    }

    /// <summary>Writes the UTF-8 encoding of a (non-surrogate) code point; returns its length.</summary>
    public static int Encode(int codePoint, Span<byte> destination)
    {
        var rune = new System.Text.Rune(codePoint);
        return rune.EncodeToUtf8(destination);
    }
}
