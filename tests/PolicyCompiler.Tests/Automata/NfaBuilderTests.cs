using Hush.PolicyCompiler.Automata;
using Hush.PolicyCompiler.Syntax;

namespace Hush.PolicyCompiler.Tests.Automata;

/// <summary>Byte-level behaviour of character sets: UTF-8 sequences and byte-wide non-ASCII.</summary>
public sealed class NfaBuilderTests
{
    private static bool[] Ends(RegexNode root, byte[] input)
    {
        var automaton = RuleAutomatonBuilder.Build(root, 0, new AutomatonBudget());
        Assert.Null(automaton.Dfa.Validate());
        return DfaRunner.Ends(automaton.Dfa, input);
    }

    private static CharSetNode Set(params (int First, int Last)[] ranges) =>
        new(0, [.. ranges.Select(r => new CodePointRange(r.First, r.Last))]);

    [Theory]
    [InlineData(0xE9)]
    [InlineData(0x7FF)]
    [InlineData(0x800)]
    [InlineData(0xFFFD)]
    [InlineData(0x10000)]
    [InlineData(0x10FFFF)]
    public void Build_NonAsciiRange_MatchesUtf8Encoding(int codePoint)
    {
        var root = Set((0xE0, 0x10FFFF));
        var bytes = System.Text.Encoding.UTF8.GetBytes(char.ConvertFromUtf32(codePoint));
        var ends = Ends(root, bytes);
        Assert.Equal(codePoint >= 0xE0, ends[bytes.Length]);
        Assert.All(ends[..^1], Assert.False);
    }

    [Fact]
    public void Build_NonAsciiRange_RejectsOtherSequences()
    {
        var root = Set((0x100, 0x17F));
        Assert.All(Ends(root, [0xC3, 0xA9, 0xC4]), Assert.False);
        Assert.True(Ends(root, [0xC4, 0x80])[2]);
        Assert.True(Ends(root, [0xC5, 0xBF])[2]);
        Assert.False(Ends(root, [0xC6, 0x80])[2]);
    }

    [Fact]
    public void Build_NegatedAsciiSet_MatchesAnyHighByte()
    {
        // [^a]: every non-ASCII scalar, so any byte 0x80-0xFF on its own (invalid UTF-8 included).
        var root = Set((0, 'a' - 1), ('b', 0x10FFFF));
        Assert.True(root.IsByteWideNonAscii());
        var ends = Ends(root, [0xFF, 0x80, (byte)'a']);
        Assert.Equal([false, true, true, false], ends);
    }

    [Fact]
    public void Build_SetWithoutOneNonAsciiCodePoint_NotByteWide()
    {
        // Everything but U+00E9: é must be rejected while its lead byte alone still starts other sequences.
        var root = Set((0, 0xE8), (0xEA, 0x10FFFF));
        Assert.False(root.IsByteWideNonAscii());
        Assert.False(Ends(root, [0xC3, 0xA9])[2]);
        Assert.True(Ends(root, [0xC3, 0xA8])[2]);
        Assert.False(Ends(root, [0xFF])[1]);
    }

    [Fact]
    public void Build_CountedRepeat_NfaLinearInCount()
    {
        var small = NfaBuilder.Build(RegexParser.Parse("[a-f]{10,20}").Root, 0, 100_000).Count;
        var large = NfaBuilder.Build(RegexParser.Parse("[a-f]{100,200}").Root, 0, 100_000).Count;
        Assert.InRange(large, 9 * small, 11 * small);
    }
}
