using System.Globalization;
using System.Text.RegularExpressions;
using CsCheck;
using Hush.PolicyCompiler.Import;

namespace Hush.PolicyCompiler.Tests.Import;

public sealed class RepeatSplitterTests
{
    private static (string Pattern, List<string> Notes) Split(string pattern)
    {
        var notes = new List<string>();
        return (RepeatSplitter.Split(pattern, PatternShape.Analyze(pattern), notes), notes);
    }

    [Theory]
    [InlineData(@"ya29\.[0-9A-Za-z_-]{20,1024}", @"ya29\.[0-9A-Za-z_-]{20,1000}[0-9A-Za-z_-]{0,24}")]
    [InlineData(@"a{1500}b", @"a{1000}a{500}b")]
    [InlineData(@"\d{1200,}?", @"\d{1000}?\d{200,}?")]
    [InlineData(@"x.{0,2500}", @"x.{0,1000}.{0,1000}.{0,500}")]
    [InlineData("(?x) \\w {0,1001} # note", "(?x) \\w{0,1000}\\w{0,1} # note")]
    public void Split_LargeCountOnSinglePositionAtom_IsRewritten(string pattern, string expected)
    {
        var (result, notes) = Split(pattern);

        Assert.Equal(expected, result);
        Assert.Single(notes);
        Assert.Empty(PatternShape.Analyze(result).LargeRepeats);
    }

    [Theory]
    [InlineData(@"(ab){0,2000}")]
    [InlineData(@"(?:ab){1001}")]
    public void Split_LargeCountOnGroup_IsLeftWithNote(string pattern)
    {
        var (result, notes) = Split(pattern);

        Assert.Equal(pattern, result);
        Assert.Contains("of a group", Assert.Single(notes), StringComparison.Ordinal);
    }

    [Fact]
    public void Split_CountsWithinLimit_AreUntouched()
    {
        var (result, notes) = Split(@"[a-z]{0,1000}?x{1000}");

        Assert.Equal(@"[a-z]{0,1000}?x{1000}", result);
        Assert.Empty(notes);
    }

    [Fact]
    public void Split_AnyCounts_MatchesLikeOriginal()
    {
        // .NET Regex accepts large counts, so it is the oracle for "same match, same group".
        var gen = Gen.Select(Gen.Int[0, 2200], Gen.Int[0, 1300], Gen.Bool, Gen.Bool, Gen.Char["abxy"].Array[0, 2600]);
        gen.Sample((min, extra, lazy, unbounded, chars) =>
        {
            string max = unbounded ? "" : (min + extra).ToString(CultureInfo.InvariantCulture);
            string pattern = $"x([ab]{{{min},{max}}}{(lazy ? "?" : "")})y?";
            var (split, _) = Split(pattern);
            string input = new(chars);

            var expected = Regex.Match(input, pattern, RegexOptions.None, TimeSpan.FromSeconds(10));
            var actual = Regex.Match(input, split, RegexOptions.None, TimeSpan.FromSeconds(10));
            Assert.Equal((expected.Success, expected.Index, expected.Length, expected.Groups[1].Value.Length),
                (actual.Success, actual.Index, actual.Length, actual.Groups[1].Value.Length));
        }, iter: 200);
    }
}
