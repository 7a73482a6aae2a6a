using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hush.Policy.Confirmation;

namespace Hush.Policy.Matching;

/// <summary>
/// The shared literal prefilter: every distinct required literal of the policy's prefiltered rules, found ignoring
/// ASCII case in two stages. A bigram table (one unaligned two-byte load and one table load per input byte; the
/// table holds flags for every case variant of each literal's first two bytes) rejects most positions; where it
/// passes, a bitmap of hashed, lower-cased four-byte (three-byte for three-byte literals) prefixes rejects most of
/// the rest, so common bigrams of keyword literals ("se", "to", "pa") do not each cost a verification. Survivors are
/// verified by the caller against the literals of that prefix. A small trie finds the longest input suffix that is a
/// proper prefix of some literal (bytes that must be held back).
/// </summary>
/// <remarks>
/// .NET's <c>SearchValues&lt;string&gt;</c> (Teddy) was measured first: with a few case-insensitive literals sharing a
/// first byte it ran at 180–340 MB/s, and at ~25 MB/s once keyword literals hit every hundred bytes, far below the
/// bigram filter; see the report of the matcher work. The bigram filter alone stopped at one position in six of
/// mixed code and prose with the default policy (220 MB/s); the prefix bitmap removes almost all of those stops.
/// </remarks>
internal sealed partial class LiteralPrefilter
{
    /// <summary>Bigram flag: some literal is exactly these two bytes.</summary>
    private const byte HasLength2 = 1;

    /// <summary>Bigram flag: some three-byte literal starts with these two bytes.</summary>
    private const byte HasLength3 = 2;

    /// <summary>Bigram flag: some literal of four or more bytes starts with these two bytes.</summary>
    private const byte HasLong = 4;

    /// <summary>log2 of the prefix bitmap's size in bits: 32 KiB stays in L1 and keeps false hits rare for hundreds of literals.</summary>
    private const int PrefixBits = 18;

    /// <summary>log2 of the number of buckets of literals of four or more bytes, indexed by the top bits of the prefix hash.</summary>
    private const int LongBucketBits = 12;

    /// <summary>log2 of the trigram bitmap's size in bits (32 KiB).</summary>
    private const int TrigramBits = 16;

    private readonly ulong[] _trigramBitmap = new ulong[(1 << TrigramBits) / 64];
    // Three bytes of padding: the AVX2 path gathers four bytes at each bigram index.
    private readonly byte[] _bigramFlags = new byte[65536 + 3];
    private readonly ushort[] _bigramBucket = new ushort[65536];
    private readonly ulong[] _prefixBitmap = new ulong[(1 << PrefixBits) / 64];
    private readonly int[][] _buckets;
    private readonly int[][] _longBuckets = new int[1 << LongBucketBits][];
    private readonly int[][] _singleByte = new int[256][];
    private readonly bool _hasSingleByte;
    private readonly int[] _trieEdgeStart;
    private readonly byte[] _trieEdgeByte;
    private readonly int[] _trieEdgeTarget;
    private readonly int[] _trieRoot;

    // First (up to) eight bytes of each literal, packed little-endian, and the mask of the bytes it has.
    private readonly ulong[] _heads;
    private readonly ulong[] _headMasks;

    /// <summary>Builds the prefilter from literal → local rule indices.</summary>
    public LiteralPrefilter(IReadOnlyList<(byte[] Literal, int[] Rules)> literals)
    {
        Literals = new byte[literals.Count][];
        RulesOfLiteral = new int[literals.Count][];
        var bucketOf = new Dictionary<int, List<int>>();
        var longOf = new List<int>?[1 << LongBucketBits];
        var singles = new List<int>[256];
        for (var i = 0; i < literals.Count; i++)
        {
            var literal = literals[i].Literal;
            Literals[i] = literal;
            RulesOfLiteral[i] = literals[i].Rules;
            MaxLiteralLength = Math.Max(MaxLiteralLength, literal.Length);
            MinLiteralLength = i == 0 ? literal.Length : Math.Min(MinLiteralLength, literal.Length);
            var first = SecretChecks.ToLowerAscii(literal[0]);
            if (literal.Length == 1)
            {
                foreach (var v in CaseVariants(first))
                {
                    (singles[v] ??= []).Add(i);
                }

                _hasSingleByte = true;
                continue;
            }

            var key = first | (SecretChecks.ToLowerAscii(literal[1]) << 8);
            if (!bucketOf.TryGetValue(key, out var bucket))
            {
                bucketOf[key] = bucket = [];
            }

            bucket.Add(i);
            var flag = AddPrefix(literal, i, longOf);
            foreach (var v0 in CaseVariants((byte)key))
            {
                foreach (var v1 in CaseVariants((byte)(key >> 8)))
                {
                    _bigramFlags[v0 | (v1 << 8)] |= flag;
                }
            }
        }

        _buckets = new int[bucketOf.Count + 1][];
        _buckets[0] = [];
        var id = 1;
        foreach (var (key, bucket) in bucketOf)
        {
            _buckets[id] = [.. bucket];
            foreach (var v0 in CaseVariants((byte)key))
            {
                foreach (var v1 in CaseVariants((byte)(key >> 8)))
                {
                    _bigramBucket[v0 | (v1 << 8)] = (ushort)id;
                }
            }

            id++;
        }

        for (var b = 0; b < 256; b++)
        {
            _singleByte[b] = singles[b]?.ToArray() ?? [];
        }

        for (var b = 0; b < _longBuckets.Length; b++)
        {
            _longBuckets[b] = longOf[b]?.ToArray() ?? [];
        }

        _heads = new ulong[Literals.Length];
        _headMasks = new ulong[Literals.Length];
        for (var i = 0; i < Literals.Length; i++)
        {
            var literal = Literals[i];
            var take = Math.Min(8, literal.Length);
            for (var b = 0; b < take; b++)
            {
                _heads[i] |= (ulong)literal[b] << (8 * b);
            }

            _headMasks[i] = take == 8 ? ulong.MaxValue : (1UL << (8 * take)) - 1;
        }

        (_trieEdgeStart, _trieEdgeByte, _trieEdgeTarget) = BuildTrie(Literals);
        _trieRoot = RootTable(_trieEdgeStart, _trieEdgeByte, _trieEdgeTarget);
    }

    /// <summary>Distinct literals, ASCII-lower-cased.</summary>
    public byte[][] Literals { get; }

    /// <summary>Local rule indices woken by each literal.</summary>
    public int[][] RulesOfLiteral { get; }

    /// <summary>Length of the longest literal.</summary>
    public int MaxLiteralLength { get; }

    /// <summary>Length of the shortest literal.</summary>
    public int MinLiteralLength { get; }

    /// <summary>
    /// Literal indices that may start at <paramref name="index"/> (a candidate from <see cref="NextCandidate"/>): a
    /// superset of the literals that do, which the caller verifies.
    /// </summary>
    public void Candidates(ReadOnlySpan<byte> data, int index, out int[] twoByte, out int[] singleByte)
    {
        singleByte = _singleByte[data[index]];
        if (index + 1 >= data.Length)
        {
            twoByte = _buckets[0];
            return;
        }

        var bigram = data[index] | (data[index + 1] << 8);
        var flags = _bigramFlags[bigram];

        // Without two- or three-byte literals of this bigram only literals whose hashed prefix matches can start
        // here, a far shorter list than the bigram's for keyword-heavy policies.
        twoByte = (flags & (HasLength2 | HasLength3)) == 0 && index + 4 <= data.Length
            ? _longBuckets[LongBucket(LowerAscii4(ReadUInt32(data, index)))]
            : _buckets[_bigramBucket[bigram]];
    }

    /// <summary>
    /// The eight bytes at <paramref name="index"/>, ASCII-lower-cased and packed little-endian, for
    /// <see cref="StartsAt"/>; only meaningful when eight bytes are left.
    /// </summary>
    public static ulong Head(ReadOnlySpan<byte> data, int index) =>
        index + 8 <= data.Length ? LowerAscii8(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetReference(data), index))) : 0;

    /// <summary>
    /// Whether literal <paramref name="literalIndex"/> starts at <paramref name="index"/> (ASCII case ignored; the
    /// caller checked that it fits). <paramref name="head"/> is <see cref="Head"/> of the same position: with eight
    /// bytes left the first eight are one masked compare, which is all most literals need.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool StartsAt(ReadOnlySpan<byte> data, int index, int literalIndex, ulong head)
    {
        var literal = Literals[literalIndex];
        if (index + 8 > data.Length)
        {
            return SecretChecks.EqualsIgnoreAsciiCase(data.Slice(index, literal.Length), literal);
        }

        return (head & _headMasks[literalIndex]) == _heads[literalIndex]
            && (literal.Length <= 8 || SecretChecks.EqualsIgnoreAsciiCase(data.Slice(index + 8, literal.Length - 8), literal.AsSpan(8)));
    }

    /// <summary>
    /// Length of the longest suffix of <paramref name="data"/> that is a proper prefix of some literal (ASCII case
    /// ignored); 0 when there is none.
    /// </summary>
    public int PartialSuffixLength(ReadOnlySpan<byte> data)
    {
        var longest = Math.Min(MaxLiteralLength - 1, data.Length);
        for (var k = longest; k > 0; k--)
        {
            var node = 0;
            var suffix = data[^k..];
            var ok = true;
            foreach (var b in suffix)
            {
                node = Child(node, SecretChecks.ToLowerAscii(b));
                if (node < 0)
                {
                    ok = false;
                    break;
                }
            }

            // A node with children is a proper prefix of a longer literal.
            if (ok && _trieEdgeStart[node + 1] > _trieEdgeStart[node])
            {
                return k;
            }
        }

        return 0;
    }

    /// <summary>Records the hashed prefix of a literal of two or more bytes; returns its bigram flag.</summary>
    private byte AddPrefix(byte[] literal, int index, List<int>?[] longOf)
    {
        if (literal.Length == 2)
        {
            // Any third byte may follow a two-byte literal.
            for (var third = 0u; third < 256; third++)
            {
                SetTrigram(literal[0] | ((uint)literal[1] << 8) | (third << 16));
            }

            return HasLength2;
        }

        SetTrigram(literal[0] | ((uint)literal[1] << 8) | ((uint)literal[2] << 16));

        var key = (uint)SecretChecks.ToLowerAscii(literal[0]) | ((uint)SecretChecks.ToLowerAscii(literal[1]) << 8)
            | ((uint)SecretChecks.ToLowerAscii(literal[2]) << 16);
        if (literal.Length == 3)
        {
            SetBit(Hash3(key));
            return HasLength3;
        }

        key |= (uint)SecretChecks.ToLowerAscii(literal[3]) << 24;
        SetBit(Hash4(key));
        (longOf[LongBucket(key)] ??= []).Add(index);
        return HasLong;
    }

    private void SetTrigram(uint raw)
    {
        var bit = TrigramHash(raw);
        _trigramBitmap[bit >> 6] |= 1UL << (int)(bit & 63);
    }

    private void SetBit(uint bit) => _prefixBitmap[bit >> 6] |= 1UL << (int)(bit & 63);

    private static IEnumerable<byte> CaseVariants(byte lower)
    {
        yield return lower;
        if ((uint)(lower - 'a') <= 'z' - 'a')
        {
            yield return (byte)(lower - 0x20);
        }
    }
}
