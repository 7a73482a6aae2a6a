using Hush.PolicyCompiler.Syntax;

namespace Hush.PolicyCompiler.Tests.Syntax;

public sealed class RegexParserTests
{
    private static CodePointRange[] Ranges(RegexNode node) => [.. Assert.IsType<CharSetNode>(node).Ranges];

    private static CodePointRange[] R(params (int First, int Last)[] ranges) => [.. ranges.Select(r => new CodePointRange(r.First, r.Last))];

    private static IReadOnlyList<RegexNode> Items(string pattern) => Assert.IsType<ConcatNode>(RegexParser.Parse(pattern).Root).Items;

    [Theory]
    [InlineData(@"\n", '\n')]
    [InlineData(@"\r", '\r')]
    [InlineData(@"\t", '\t')]
    [InlineData(@"\f", '\f')]
    [InlineData(@"\v", '\v')]
    [InlineData(@"\a", 7)]
    [InlineData(@"\x41", 'A')]
    [InlineData(@"\x{1F600}", 0x1F600)]
    [InlineData(@"\0", 0)]
    [InlineData(@"\012", 10)]
    [InlineData(@"\12", 10)]
    [InlineData(@"\.", '.')]
    [InlineData(@"\ ", ' ')]
    [InlineData(@"\#", '#')]
    [InlineData("é", 0xE9)]
    [InlineData("😀", 0x1F600)]
    [InlineData("(?x)[ # ]", '#')]
    [InlineData("(?x) \\x41 ", 'A')]
    public void Escape_SingleCodePoint(string pattern, int codePoint) =>
        Assert.Equal(R((codePoint, codePoint)), Ranges(RegexParser.Parse(pattern).Root));

    [Fact]
    public void PerlClasses_AreAsciiAsInGo()
    {
        Assert.Equal(R(('0', '9')), Ranges(RegexParser.Parse(@"\d").Root));
        Assert.Equal(R(('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')), Ranges(RegexParser.Parse(@"\w").Root));
        Assert.Equal(R(('\t', '\n'), ('\f', '\r'), (' ', ' ')), Ranges(RegexParser.Parse(@"\s").Root));
        Assert.Equal(R((0, '/'), (':', 0xD7FF), (0xE000, 0x10FFFF)), Ranges(RegexParser.Parse(@"\D").Root));
    }

    [Fact]
    public void Dot_ExcludesNewlineUnlessDotAll()
    {
        Assert.Equal(R((0, 9), (11, 0xD7FF), (0xE000, 0x10FFFF)), Ranges(RegexParser.Parse(".").Root));
        Assert.Equal(R((0, 0xD7FF), (0xE000, 0x10FFFF)), Ranges(RegexParser.Parse("(?s).").Root));
    }

    [Theory]
    [InlineData("[a-c]", "ac")]
    [InlineData("[]a]", "]]aa")]
    [InlineData("[a-]", "--aa")]
    [InlineData("[-a]", "--aa")]
    [InlineData("[[:digit:]x]", "09xx")]
    [InlineData("[[:xdigit:]]", "09AFaf")]
    [InlineData(@"[\d_]", "09__")]
    [InlineData(@"[\x41-\x43]", "AC")]
    [InlineData("(?i)[a-c]", "ACac")]
    [InlineData("(?i)k", "KKkk")]
    [InlineData("(?i)[x-z_]", "XZ__xz")]
    public void Class_Ranges(string pattern, string pairs)
    {
        var expected = Enumerable.Range(0, pairs.Length / 2).Select(i => new CodePointRange(pairs[2 * i], pairs[(2 * i) + 1])).ToArray();
        Assert.Equal(expected, Ranges(RegexParser.Parse(pattern).Root));
    }

    [Fact]
    public void Class_NegationIncludesNewlineAndNonAscii()
    {
        Assert.Equal(R((0, '`'), ('b', 0xD7FF), (0xE000, 0x10FFFF)), Ranges(RegexParser.Parse("[^a]").Root));
        Assert.Equal(R((0, '@'), ('[', '`'), ('{', 0xD7FF), (0xE000, 0x10FFFF)), Ranges(RegexParser.Parse("[[:^alpha:]]").Root));
        // (?i) folds before negating, as in Go: [^a] then excludes both cases.
        Assert.Equal(R((0, '@'), ('B', '`'), ('b', 0xD7FF), (0xE000, 0x10FFFF)), Ranges(RegexParser.Parse("(?i)[^a]").Root));
    }

    [Fact]
    public void Flags_ScopedToEnclosingGroup()
    {
        var items = Items("(a(?i)b)c");
        var group = Assert.IsType<GroupNode>(items[0]);
        var inner = Assert.IsType<ConcatNode>(group.Item).Items;
        Assert.Equal(R(('a', 'a')), Ranges(inner[0]));
        Assert.Equal(R(('B', 'B'), ('b', 'b')), Ranges(inner[1]));
        Assert.Equal(R(('c', 'c')), Ranges(items[1]));

        items = Items("(?i:a)b(?i)c(?-i)d");
        Assert.Equal(R(('A', 'A'), ('a', 'a')), Ranges(items[0]));
        Assert.Equal(R(('b', 'b')), Ranges(items[1]));
        Assert.Equal(R(('C', 'C'), ('c', 'c')), Ranges(items[2]));
        Assert.Equal(R(('d', 'd')), Ranges(items[3]));
    }

    [Fact]
    public void Flags_PersistAcrossAlternatives()
    {
        var alternation = Assert.IsType<AlternationNode>(RegexParser.Parse("(?i)a|b").Root);
        Assert.Equal(R(('B', 'B'), ('b', 'b')), Ranges(alternation.Alternatives[1]));
    }

    [Fact]
    public void FreeSpacing_IgnoresSpaceCommentsAndClassSpace()
    {
        var items = Items("(?x) a b # comment\n c [ d e ] \\  (?# note ) f {2}");
        Assert.Equal(6, items.Count);
        Assert.Equal(R(('c', 'c')), Ranges(items[2]));
        Assert.Equal(R(('d', 'e')), Ranges(items[3]));
        Assert.Equal(R((' ', ' ')), Ranges(items[4]));
        var repeat = Assert.IsType<RepeatNode>(items[5]);
        Assert.Equal((2, 2), (repeat.Min, repeat.Max));
    }

    [Fact]
    public void Groups_NumberedByOpeningParenthesisWithNames()
    {
        var parsed = RegexParser.Parse("(a(?P<inner>b))(?:c)(?<last>d)");
        Assert.Equal(3, parsed.GroupCount);
        Assert.Equal(2, parsed.GroupNames["inner"]);
        Assert.Equal(3, parsed.GroupNames["last"]);
        var outer = Assert.IsType<GroupNode>(((ConcatNode)parsed.Root).Items[0]);
        Assert.Equal((1, 0), (outer.Index, outer.Position));
        var inner = Assert.IsType<GroupNode>(((ConcatNode)outer.Item).Items[1]);
        Assert.Equal((2, "inner", 2), (inner.Index, inner.Name, inner.Position));
    }

    [Theory]
    [InlineData("a*", 0, -1, false)]
    [InlineData("a+?", 1, -1, true)]
    [InlineData("a??", 0, 1, true)]
    [InlineData("a{3}", 3, 3, false)]
    [InlineData("a{3,}?", 3, -1, true)]
    [InlineData("a{2,1000}", 2, 1000, false)]
    [InlineData("(?U)a*", 0, -1, true)]
    [InlineData("(?U)a*?", 0, -1, false)]
    public void Quantifiers(string pattern, int min, int max, bool lazy)
    {
        var repeat = Assert.IsType<RepeatNode>(RegexParser.Parse(pattern).Root);
        var operatorOffset = pattern.IndexOfAny(['*', '+', '?', '{'], pattern.StartsWith("(?U)", StringComparison.Ordinal) ? 4 : 0);
        Assert.Equal((min, max, lazy, operatorOffset), (repeat.Min, repeat.Max, repeat.Lazy, repeat.Position));
    }

    [Theory]
    [InlineData("a{")]
    [InlineData("a{,5}")]
    [InlineData("a{x}")]
    [InlineData("{a")]
    public void Brace_NotARepeat_IsLiteral(string pattern) =>
        Assert.Contains(Items(pattern), n => n is CharSetNode { Ranges: [{ First: '{' }] });

    [Theory]
    [InlineData("^", (int)AssertionKind.TextStart)]
    [InlineData("$", (int)AssertionKind.TextEnd)]
    [InlineData("(?m)^", (int)AssertionKind.LineStart)]
    [InlineData("(?m)$", (int)AssertionKind.LineEnd)]
    [InlineData(@"\A", (int)AssertionKind.TextStart)]
    [InlineData(@"\z", (int)AssertionKind.TextEnd)]
    [InlineData(@"\b", (int)AssertionKind.WordBoundary)]
    [InlineData(@"\B", (int)AssertionKind.NotWordBoundary)]
    public void Assertions(string pattern, int kind)
    {
        var root = RegexParser.Parse(pattern).Root;
        var node = root is ConcatNode c ? c.Items[^1] : root;
        Assert.Equal((AssertionKind)kind, Assert.IsType<AssertionNode>(node).Kind);
    }

    [Fact]
    public void QuotedText_IsLiteral()
    {
        var items = Items(@"\Qa.b\E+");
        Assert.Equal(R(('.', '.')), Ranges(items[1]));
        Assert.Equal(1, Assert.IsType<RepeatNode>(items[2]).Min);
    }
}
