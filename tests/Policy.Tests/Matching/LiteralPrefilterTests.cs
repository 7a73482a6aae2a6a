using System.Text;
using Hush.Policy.Matching;

namespace Hush.Policy.Tests.Matching;

public sealed class LiteralPrefilterTests
{
    private static LiteralPrefilter Prefilter(params string[] literals)
    {
        var list = new List<(byte[], int[])>();
        for (var i = 0; i < literals.Length; i++)
        {
            list.Add((Encoding.Latin1.GetBytes(literals[i]), [i]));
        }

        return new LiteralPrefilter(list);
    }

    [Theory]
    [InlineData("text AK", 2)]
    [InlineData("text ak", 2)]
    [InlineData("text AKI", 3)]
    [InlineData("text AKIA", 1)]
    [InlineData("text AKIB", 0)]
    [InlineData("text x", 0)]
    [InlineData("gh", 2)]
    [InlineData("g", 1)]
    [InlineData("pas", 3)]
    [InlineData("", 0)]
    public void PartialSuffixLength_LongestProperPrefix(string data, int expected) =>
        Assert.Equal(expected, Prefilter("akia", "ghp_", "password").PartialSuffixLength(Encoding.Latin1.GetBytes(data)));

    // With four bytes left a candidate needs the literal's whole four-byte prefix; nearer the end, only its bigram.
    [Theory]
    [InlineData("abc GHP_x", 4)]
    [InlineData("..XoXb-", 2)]
    [InlineData("gxxoxo", 4)]
    [InlineData("ghxoxo", 4)]
    [InlineData("gxxoxb-", 2)]
    [InlineData("g", -1)]
    [InlineData("hp_ xo", 4)]
    public void NextCandidate_FindsFirstPrefixOrTailBigramIgnoringAsciiCase(string data, int expected) =>
        Assert.Equal(expected, Prefilter("ghp_", "xoxb-").NextCandidate(Encoding.Latin1.GetBytes(data), 0));

    [Fact]
    public void NextCandidate_SingleByteLiteral_Found()
    {
        var prefilter = Prefilter("q", "ghp_");
        Assert.Equal(3, prefilter.NextCandidate("abcQ"u8, 0));
        prefilter.Candidates("abcQ"u8, 3, out var two, out var single);
        Assert.Empty(two);
        Assert.Equal([0], single);
    }

    [Fact]
    public void Candidates_ListLiteralsOfBigram()
    {
        var prefilter = Prefilter("ghp_", "gho_", "xoxb-");
        prefilter.Candidates("GHz"u8, 0, out var two, out _);
        Assert.Equal([0, 1], two);
    }

    [Fact]
    public void Lengths_Reported()
    {
        var prefilter = Prefilter("ab", "abcdef");
        Assert.Equal((2, 6), (prefilter.MinLiteralLength, prefilter.MaxLiteralLength));
    }
}
