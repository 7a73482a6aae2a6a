using System.Text;
using CsCheck;
using Hush.PolicyCompiler.Syntax;

namespace Hush.PolicyCompiler.Tests.Syntax;

public sealed class CharSetExtensionsTests
{
    private static CharSetNode Set(string pattern) => Assert.IsType<CharSetNode>(RegexParser.Parse(pattern).Root);

    [Theory]
    [InlineData(".", true)]
    [InlineData("(?s).", true)]
    [InlineData("[^a]", true)]
    [InlineData(@"\W", true)]
    [InlineData(@"[\x00-\x{10FFFF}]", true)]
    [InlineData("a", false)]
    [InlineData("é", false)]
    [InlineData("[^é]", false)]
    [InlineData(@"[\x{80}-\x{10FFFE}]", false)]
    public void IsByteWideNonAscii_OnlyForSetsWithEveryNonAsciiCodePoint(string pattern, bool expected) =>
        Assert.Equal(expected, Set(pattern).IsByteWideNonAscii());

    [Theory]
    [InlineData("a", 1, 1)]
    [InlineData(".", 1, 1)]
    [InlineData("é", 2, 2)]
    [InlineData("€", 3, 3)]
    [InlineData("😀", 4, 4)]
    [InlineData("[aé]", 1, 2)]
    [InlineData("[é€]", 2, 3)]
    public void ByteLengths(string pattern, int min, int max)
    {
        var set = Set(pattern);
        Assert.Equal((min, max), (set.MinByteLength(), set.MaxByteLength()));
    }

    [Fact]
    public void NonAsciiUtf8Sequences_MatchExactlyTheSetsCodePoints()
    {
        var gen = Gen.Int[0x80, 0x10FFFF].Where(c => c is < 0xD800 or > 0xDFFF);
        Gen.Select(gen, gen, gen.Array[0, 40]).Sample((a, b, probes) =>
        {
            var (lo, hi) = (Math.Min(a, b), Math.Max(a, b));
            var set = Set(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[\\x{{{lo:X}}}-\\x{{{hi:X}}}]"));
            var sequences = set.NonAsciiUtf8Sequences();
            foreach (var cp in probes.Append(lo).Append(hi))
            {
                var bytes = Encoding.UTF8.GetBytes(char.ConvertFromUtf32(cp));
                var matched = sequences.Any(s => s.Length == bytes.Length && s.Select((r, i) => bytes[i] >= r.First && bytes[i] <= r.Last).All(x => x));
                var inSet = cp >= lo && cp <= hi;
                if (matched != inSet)
                {
                    return false;
                }
            }

            return true;
        });
    }
}
