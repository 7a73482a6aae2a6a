using Hush.PolicyCompiler.Import;

namespace Hush.PolicyCompiler.Tests.Import;

public sealed class PatternShapeTests
{
    [Theory]
    [InlineData(@"abc", 0)]
    [InlineData(@"(a)(?:b)(?P<n>c)(?<m>d)", 3)]
    [InlineData(@"\(a\)[(]", 0)]
    [InlineData(@"(?i)(?-i:x)(?#(comment)y", 0)]
    [InlineData("(?x) a # (not a group)\n (b)", 1)]
    [InlineData("(?x: # (no)\n) # (yes, x ended)\n", 1)]
    [InlineData(@"[]()]+(x)", 1)]
    [InlineData(@"[[:alpha:](](y)", 1)]
    public void Analyze_CountsCaptureGroups(string pattern, int expected)
    {
        Assert.Equal(expected, PatternShape.Analyze(pattern).CaptureGroups);
    }

    [Theory]
    [InlineData(@"a{2,5}b?", false)]
    [InlineData(@"a{2,}", true)]
    [InlineData(@"a+", true)]
    [InlineData(@"a*?", true)]
    [InlineData(@"[+*]\+\*\{2,\}", false)]
    [InlineData("(?x) a # b+ c*\n d", false)]
    [InlineData(@"x{,5}", false)]
    [InlineData(@"(?:ab)+", true)]
    public void Analyze_DetectsUnboundedQuantifiers(string pattern, bool expected)
    {
        Assert.Equal(expected, PatternShape.Analyze(pattern).Unbounded);
    }

    [Theory]
    [InlineData(@"a(b)c", true)]
    [InlineData(@"((a)|b)", true)]
    [InlineData(@"(?:(a)b)+", true)]
    [InlineData(@"(?i)\b(x{3}(\||%))(?:[\x60'""\s;]|$)", true)]
    [InlineData("(?x) (a) # b|c\n d", true)]
    [InlineData(@"(a)|b", false)]
    [InlineData(@"x(?:(a)|b)", false)]
    [InlineData(@"(a)?b", false)]
    [InlineData(@"(?:(a)b){0,3}", false)]
    [InlineData(@"abc", false)]
    public void Analyze_FirstGroupAlwaysTakesPart(string pattern, bool expected)
    {
        Assert.Equal(expected, PatternShape.Analyze(pattern).FirstGroupAlwaysTakesPart);
    }

    [Fact]
    public void Analyze_PemArmour_IsBlockLike()
    {
        var shape = PatternShape.Analyze(@"-----BEGIN RSA PRIVATE KEY-----[\s\S]+?-----END");

        Assert.True(shape.PemLike);
        Assert.Equal(ImportLimits.BlockMaxLength, ImportLimits.MaxLengthFor(shape));
    }

    [Fact]
    public void MaxLengthFor_BoundedPattern_IsNull()
    {
        Assert.Null(ImportLimits.MaxLengthFor(PatternShape.Analyze(@"ghp_[a-z]{36}")));
        Assert.Equal(ImportLimits.TokenMaxLength, ImportLimits.MaxLengthFor(PatternShape.Analyze(@"ghp_[a-z]+")));
    }
}
