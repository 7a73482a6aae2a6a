using CsCheck;
using Hush.PolicyCompiler.Policies;

namespace Hush.PolicyCompiler.Tests.Policies;

public sealed class ScalarSourceMapTests
{
    /// <summary>Reads <paramref name="yaml"/> (a mapping with key <c>p</c>) and returns the scalar and source.</summary>
    private static (YamlScalar Scalar, SourceText Source) Scalar(string yaml)
    {
        var source = new SourceText("t.yaml", yaml);
        var diagnostics = new List<Diagnostic>();
        var root = YamlTreeReader.Read(source, diagnostics);
        Assert.Empty(diagnostics);
        var mapping = Assert.IsType<YamlMapping>(root);
        return (Assert.IsType<YamlScalar>(mapping.Entries[0].Value), source);
    }

    [Fact]
    public void Plain_OffsetMapsToSameColumn()
    {
        var (s, _) = Scalar("p: ab(?=x)\n");
        Assert.True(s.Map.IsExact);
        Assert.Equal(new SourcePosition(1, 6), s.Map.PositionOf(2));
    }

    [Fact]
    public void SingleQuoted_DoubledQuoteCountsOnce()
    {
        var (s, _) = Scalar("p: 'a''b(?=x)'\n");
        Assert.Equal("a'b(?=x)", s.Value);
        Assert.Equal(new SourcePosition(1, 9), s.Map.PositionOf(3));
    }

    [Fact]
    public void DoubleQuoted_EscapesMapToBackslash()
    {
        var (s, _) = Scalar("p: \"\\\\b\\x41(?=x)\"\n");
        Assert.Equal("\\bA(?=x)", s.Value);
        Assert.Equal(new SourcePosition(1, 5), s.Map.PositionOf(0));
        Assert.Equal(new SourcePosition(1, 8), s.Map.PositionOf(2));
        Assert.Equal(new SourcePosition(1, 12), s.Map.PositionOf(3));
    }

    [Fact]
    public void DoubleQuoted_EscapedLineBreakJoinsLines()
    {
        var (s, _) = Scalar("p: \"abc\\\n    d(?=x)\"\n");
        Assert.Equal("abcd(?=x)", s.Value);
        Assert.Equal(new SourcePosition(2, 5), s.Map.PositionOf(3));
        Assert.Equal(new SourcePosition(2, 6), s.Map.PositionOf(4));
    }

    [Fact]
    public void PlainMultiLine_FoldedBreakMapsToNextLine()
    {
        var (s, _) = Scalar("p: abc\n  def(?=x)\n");
        Assert.Equal("abc def(?=x)", s.Value);
        Assert.Equal(new SourcePosition(2, 6), s.Map.PositionOf(7));
    }

    [Fact]
    public void LiteralBlock_MapsThroughIndentation()
    {
        var (s, _) = Scalar("p: |\n    abc\n    d(?=x)\nq: 1\n");
        Assert.Equal("abc\nd(?=x)\n", s.Value);
        Assert.True(s.Map.IsExact);
        Assert.Equal(new SourcePosition(3, 6), s.Map.PositionOf(5));
    }

    [Fact]
    public void LiteralBlockStripped_WithEmptyLines_MapsLaterLine()
    {
        var (s, _) = Scalar("p: |-\n  abc\n\n  x(?=y)\n");
        Assert.Equal("abc\n\nx(?=y)", s.Value);
        Assert.Equal(new SourcePosition(4, 4), s.Map.PositionOf(6));
    }

    [Fact]
    public void FoldedBlock_LinesJoinWithSpace()
    {
        var (s, _) = Scalar("p: >\n  abc\n  def(?=x)\n");
        Assert.Equal("abc def(?=x)\n", s.Value);
        Assert.Equal(new SourcePosition(3, 6), s.Map.PositionOf(7));
    }

    [Fact]
    public void EndOffset_MapsJustPastLastCharacter()
    {
        var (s, _) = Scalar("p: 'ab('\n");
        Assert.Equal(new SourcePosition(1, 8), s.Map.PositionOf(3));
    }

    private static readonly Gen<string> s_text = Gen.Char["a-zA-Z0-9\\'\"(){}[]?*+ .:#\t"].Array[1, 30].Select(c => new string(c));

    [Fact]
    public void DoubleQuoted_EveryOffsetMapsToItsSourceCharacter() =>
        s_text.Sample(value =>
        {
            var escaped = value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
                .Replace("\t", "\\t", StringComparison.Ordinal);
            var (s, source) = Scalar("p: \"" + escaped + "\"\n");
            Assert.Equal(value, s.Value);
            Assert.True(s.Map.IsExact);
            for (var i = 0; i < value.Length; i++)
            {
                var c = source.Text[s.Map.IndexOf(i)];
                Assert.True(c == value[i] || c == '\\', $"offset {i}: `{c}` for `{value[i]}`");
            }
        });

    [Fact]
    public void SingleQuoted_EveryOffsetMapsToItsSourceCharacter() =>
        s_text.Sample(value =>
        {
            var (s, source) = Scalar("p: '" + value.Replace("'", "''", StringComparison.Ordinal) + "'\n");
            Assert.Equal(value, s.Value);
            for (var i = 0; i < value.Length; i++)
            {
                Assert.Equal(value[i], source.Text[s.Map.IndexOf(i)]);
            }
        });

    [Fact]
    public void LiteralBlock_EveryOffsetMapsToItsSourceCharacter() =>
        Gen.Select(s_text, s_text, Gen.Int[1, 6]).Sample((a, b, indent) =>
        {
            var pad = new string(' ', indent);
            var (s, source) = Scalar($"p: |\n{pad}x{a.TrimEnd()}\n{pad}y{b.TrimEnd()}\n");
            var value = $"x{a.TrimEnd()}\ny{b.TrimEnd()}\n";
            Assert.Equal(value, s.Value);
            Assert.True(s.Map.IsExact);
            for (var i = 0; i < value.Length; i++)
            {
                Assert.True(value[i] == '\n' || value[i] == source.Text[s.Map.IndexOf(i)]);
            }
        });
}
