using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hush.Policy.Confirmation;

namespace Hush.Policy.Matching;

/// <summary>
/// The shared literal prefilter: every distinct required literal of the policy's prefiltered rules, found ignoring
/// ASCII case by a bigram filter (one unaligned two-byte load and one table load per input byte; the table holds
/// every case variant of each literal's first two bytes), verified per candidate against the literals of that
/// bigram. A small trie finds the longest input suffix that is a proper prefix of some literal (bytes that must
/// be held back).
/// </summary>
/// <remarks>
/// .NET's <c>SearchValues&lt;string&gt;</c> (Teddy) was measured first: with a few case-insensitive literals sharing a
/// first byte it ran at 180–340 MB/s, and at ~25 MB/s once keyword literals hit every hundred bytes, far below the
/// bigram filter; see the report of the matcher work.
/// </remarks>
internal sealed class LiteralPrefilter
{
    private readonly ushort[] _bigramBucket = new ushort[65536];
    private readonly int[][] _buckets;
    private readonly int[][] _singleByte = new int[256][];
    private readonly bool _hasSingleByte;
    private readonly int[] _trieEdgeStart;
    private readonly byte[] _trieEdgeByte;
    private readonly int[] _trieEdgeTarget;

    /// <summary>Builds the prefilter from literal → local rule indices.</summary>
    public LiteralPrefilter(IReadOnlyList<(byte[] Literal, int[] Rules)> literals)
    {
        Literals = new byte[literals.Count][];
        RulesOfLiteral = new int[literals.Count][];
        var bucketOf = new Dictionary<int, List<int>>();
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

        (_trieEdgeStart, _trieEdgeByte, _trieEdgeTarget) = BuildTrie(Literals);
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
    /// The first index at or after <paramref name="from"/> where some literal may start (its first two bytes, or
    /// its only byte, match ignoring ASCII case), or -1.
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
        ref var table = ref MemoryMarshal.GetArrayDataReference(_bigramBucket);
        var i = from;
        for (; i + 3 < last; i += 4)
        {
            if (Unsafe.Add(ref table, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref d, i))) != 0)
            {
                return i;
            }

            if (Unsafe.Add(ref table, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref d, i + 1))) != 0)
            {
                return i + 1;
            }

            if (Unsafe.Add(ref table, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref d, i + 2))) != 0)
            {
                return i + 2;
            }

            if (Unsafe.Add(ref table, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref d, i + 3))) != 0)
            {
                return i + 3;
            }
        }

        for (; i < last; i++)
        {
            if (Unsafe.Add(ref table, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref d, i))) != 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Literal indices that may start at <paramref name="index"/> (a candidate from <see cref="NextCandidate"/>).</summary>
    public void Candidates(ReadOnlySpan<byte> data, int index, out int[] twoByte, out int[] singleByte)
    {
        twoByte = index + 1 < data.Length ? _buckets[_bigramBucket[data[index] | (data[index + 1] << 8)]] : _buckets[0];
        singleByte = _singleByte[data[index]];
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

    private int NextCandidateWithSingles(ReadOnlySpan<byte> data, int from)
    {
        for (var i = from; i < data.Length; i++)
        {
            if (_singleByte[data[i]].Length != 0 || (i + 1 < data.Length && _bigramBucket[data[i] | (data[i + 1] << 8)] != 0))
            {
                return i;
            }
        }

        return -1;
    }

    private static IEnumerable<byte> CaseVariants(byte lower)
    {
        yield return lower;
        if ((uint)(lower - 'a') <= 'z' - 'a')
        {
            yield return (byte)(lower - 0x20);
        }
    }

    private int Child(int node, byte b)
    {
        for (var e = _trieEdgeStart[node]; e < _trieEdgeStart[node + 1]; e++)
        {
            if (_trieEdgeByte[e] == b)
            {
                return _trieEdgeTarget[e];
            }
        }

        return -1;
    }

    private static (int[] EdgeStart, byte[] EdgeByte, int[] EdgeTarget) BuildTrie(byte[][] literals)
    {
        var children = new List<Dictionary<byte, int>> { new() };
        foreach (var literal in literals)
        {
            var node = 0;
            foreach (var raw in literal)
            {
                var b = SecretChecks.ToLowerAscii(raw);
                if (!children[node].TryGetValue(b, out var next))
                {
                    next = children.Count;
                    children.Add([]);
                    children[node][b] = next;
                }

                node = next;
            }
        }

        var edgeStart = new int[children.Count + 1];
        var edgeByte = new List<byte>();
        var edgeTarget = new List<int>();
        for (var n = 0; n < children.Count; n++)
        {
            edgeStart[n] = edgeByte.Count;
            foreach (var (b, target) in children[n])
            {
                edgeByte.Add(b);
                edgeTarget.Add(target);
            }
        }

        edgeStart[children.Count] = edgeByte.Count;
        return (edgeStart, [.. edgeByte], [.. edgeTarget]);
    }
}
