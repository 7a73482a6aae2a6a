using System.Text;
using CsCheck;
using Hush.Policy.Confirmation;
using Hush.Policy.Matching;

namespace Hush.Policy.Tests.Matching;

/// <summary>
/// The two-stage prefilter (bigram table, then trigram and four-byte prefix bitmaps) must report exactly the
/// (position, literal) hits of a naive search: every literal at every position, ASCII case ignored.
/// </summary>
public sealed class LiteralPrefilterPropertyTests
{
    private const string LiteralAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789_-.:/= ";

    // Filler includes bytes that fold onto literal bytes when bit 5 is forced (\r, \t, @, [, DEL) and non-ASCII.
    private static readonly byte[] s_fillerBytes = [.. "abcdeksptoABCDEKSPTO0123_-. \r\t\n@[`{\x7f"u8, 0xC3, 0xA9, 0xE1, 0x80];

    private static readonly Gen<byte[]> s_filler = Gen.Int[0, s_fillerBytes.Length - 1].Select(i => s_fillerBytes[i]).Array[0, 24];

    private static Gen<byte[][]> Literals(int minLength) =>
        Gen.Char[LiteralAlphabet].Array[minLength, 12].Select(a => Encoding.ASCII.GetBytes(a)).Array[1, 24];

    /// <summary>Text made of filler and literals with random case, so hits are frequent and sit anywhere.</summary>
    private static Gen<byte[]> Text(byte[][] literals) =>
        Gen.OneOf(s_filler, Gen.Select(Gen.Int[0, literals.Length - 1], Gen.Int, (i, caseBits) => Cased(literals[i], caseBits)))
            .Array[0, 30]
            .Select(parts => parts.SelectMany(p => p).ToArray());

    [Fact]
    public void Hits_SameAsNaiveSearch_LiteralsOfTwoOrMoreBytes() =>
        Literals(2).SelectMany(l => Text(l).Select(t => (l, t)))
            .Sample(x => Assert.Equal(Naive(x.l, x.t), Filtered(x.l, x.t)), iter: 3000);

    [Fact]
    public void Hits_SameAsNaiveSearch_LiteralsOfOneOrMoreBytes() =>
        Literals(1).SelectMany(l => Text(l).Select(t => (l, t)))
            .Sample(x => Assert.Equal(Naive(x.l, x.t), Filtered(x.l, x.t)), iter: 1000);

    [Fact]
    public void Hits_SameAsNaiveSearch_RandomBytes() =>
        Gen.Select(Literals(2), Gen.Byte.Array[0, 300])
            .Sample((l, t) => Assert.Equal(Naive(l, t), Filtered(l, t)), iter: 1000);

    [Fact]
    public void FindCandidates_SameHitsAsNaiveSearch_LongTextsAnyBatchSize() =>
        Literals(2).SelectMany(l => Gen.Select(LongText(l), Gen.Int[1, 80]).Select((t, batch) => (l, t, batch)))
            .Sample(x =>
            {
                var prefilter = new LiteralPrefilter([.. x.l.Select((literal, i) => (literal, new[] { i }))]);
                Assert.Equal(Naive(x.l, x.t), Batched(prefilter, x.t, x.batch));
            }, iter: 300);

    [Theory]
    [InlineData("x password", 2)]
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxPASSWORD", 25)]
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxPaSsWoRd", 25)]
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxpassworx", -1)]
    [InlineData("pas pass passwor", -1)]
    public void NextCandidate_LongLiteral_OnlyAtPrefixMatch(string text, int expected) =>
        Assert.Equal(expected, NextHit(Prefilter("password"), Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void Hits_LiteralsAtBufferEnd_Found()
    {
        byte[][] literals = [.. new[] { "ab", "xyz", "token", "q" }.Select(Encoding.ASCII.GetBytes)];
        foreach (var tail in new[] { "AB", "xYz", "TOKEN", "Q" })
        {
            for (var pad = 0; pad < 20; pad++)
            {
                var text = Encoding.ASCII.GetBytes(new string('-', pad) + tail);
                Assert.Equal(Naive(literals, text), Filtered(literals, text));
                Assert.Contains(Filtered(literals, text), h => h.Position == pad);
            }
        }
    }

    [Fact]
    public void Hits_OverlappingLiteralsSharingPrefix_AllReported()
    {
        byte[][] literals = [.. new[] { "pa", "pas", "pass", "password", "passwd" }.Select(Encoding.ASCII.GetBytes)];
        var text = "..PASSWORD passwd Pas pa"u8.ToArray();
        var hits = Filtered(literals, text);
        Assert.Equal(Naive(literals, text), hits);
        Assert.Equal(4, hits.Count(h => h.Position == 2));
    }

    private static byte[] Cased(byte[] literal, int caseBits)
    {
        var cased = (byte[])literal.Clone();
        for (var i = 0; i < cased.Length; i++)
        {
            if (((caseBits >> (i % 31)) & 1) != 0 && (uint)(cased[i] - 'a') <= 'z' - 'a')
            {
                cased[i] -= 0x20;
            }
        }

        return cased;
    }

    private static LiteralPrefilter Prefilter(params string[] literals) =>
        new([.. literals.Select((l, i) => (Encoding.ASCII.GetBytes(l), new[] { i }))]);

    private static int NextHit(LiteralPrefilter prefilter, byte[] text)
    {
        var hits = Filtered(prefilter, text);
        return hits.Count == 0 ? -1 : hits[0].Position;
    }

    /// <summary>Texts of up to a few KiB, so several trigram windows and window edges are crossed.</summary>
    private static Gen<byte[]> LongText(byte[][] literals) =>
        Gen.OneOf(s_filler, Gen.Select(Gen.Int[0, literals.Length - 1], Gen.Int, (i, caseBits) => Cased(literals[i], caseBits)))
            .Array[0, 400]
            .Select(parts => parts.SelectMany(p => p).ToArray());

    /// <summary>The scan loop of <c>StreamingMatcher.RunPrefilter</c>: batches of candidates, then verification.</summary>
    private static List<(int Position, int Literal)> Batched(LiteralPrefilter prefilter, byte[] text, int batch)
    {
        var hits = new List<(int, int)>();
        var found = new int[batch];
        var next = 0;
        var last = -1;
        while (next < text.Length)
        {
            var count = prefilter.FindCandidates(text, ref next, found);
            foreach (var i in found.AsSpan(0, count))
            {
                Assert.True(i > last, "candidates out of order or repeated");
                last = i;
                prefilter.Candidates(text, i, out var twoByte, out var singleByte);
                foreach (var l in twoByte.Concat(singleByte).Order())
                {
                    var literal = prefilter.Literals[l];
                    if (i + literal.Length <= text.Length && SecretChecks.EqualsIgnoreAsciiCase(text.AsSpan(i, literal.Length), literal))
                    {
                        hits.Add((i, l));
                    }
                }
            }
        }

        return hits;
    }

    private static List<(int Position, int Literal)> Naive(byte[][] literals, byte[] text)
    {
        var hits = new List<(int, int)>();
        for (var p = 0; p < text.Length; p++)
        {
            for (var l = 0; l < literals.Length; l++)
            {
                if (p + literals[l].Length <= text.Length
                    && SecretChecks.EqualsIgnoreAsciiCase(text.AsSpan(p, literals[l].Length), literals[l]))
                {
                    hits.Add((p, l));
                }
            }
        }

        return hits;
    }

    private static List<(int Position, int Literal)> Filtered(byte[][] literals, byte[] text) =>
        Filtered(new LiteralPrefilter([.. literals.Select((l, i) => (l, new[] { i }))]), text);

    /// <summary>The scan loop of <c>StreamingMatcher.RunPrefilter</c>: candidates, then verification (eight-byte heads).</summary>
    private static List<(int Position, int Literal)> Filtered(LiteralPrefilter prefilter, byte[] text)
    {
        var hits = new List<(int, int)>();
        var i = 0;
        while ((i = prefilter.NextCandidate(text, i)) >= 0)
        {
            prefilter.Candidates(text, i, out var twoByte, out var singleByte);
            var head = LiteralPrefilter.Head(text, i);
            foreach (var l in twoByte.Concat(singleByte).Order())
            {
                var literal = prefilter.Literals[l];
                if (i + literal.Length <= text.Length && prefilter.StartsAt(text, i, l, head))
                {
                    hits.Add((i, l));
                }
            }

            i++;
        }

        return hits;
    }
}
