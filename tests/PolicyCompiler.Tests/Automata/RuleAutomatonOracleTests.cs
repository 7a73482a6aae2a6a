using CsCheck;
using Hush.Policy.Automata;

namespace Hush.PolicyCompiler.Tests.Automata;

/// <summary>The DFA's match ends equal the ends of all matches found by .NET Regex, on random ASCII inputs.</summary>
public sealed class RuleAutomatonOracleTests
{
    private const string Alphabet = "abcdkxyzABK019_ =.-:\n\t";

    // Patterns whose meaning is the same in the dialect and in .NET on ASCII input (no bare `$`, no \s).
    public static TheoryData<string> Patterns() =>
    [
        "abc",
        "a|b",
        "ab*c",
        "a(b|c)+d",
        "[a-c]{2,4}",
        "x[0-9]{1,3}y?",
        "a*",
        "(a|ab)(c|bcd)?",
        "[^a]b",
        "k.{0,3}=",
        "(?i)key[=:][a-z0-9]{3}",
        "(?i)AbK",
        "\\bab",
        "ab\\b",
        "\\b",
        "\\B",
        "\\Bb\\B",
        "(?:a\\b|b\\B)+",
        "\\b[a-z]+\\b",
        "^ab",
        "^",
        "\\Aa+",
        "ab\\z",
        "\\z",
        "x|^",
        "(?m)^a.b$",
        "(?m)^",
        "(?m)$",
        "(?m)^[a-z]*$",
        "(?m)\\b$|^\\B",
        ".",
        "[ab]{3}\\b",
        "(?s)a.b",
        "[\\w.-]{0,5}?(?:key|xy)[ \\t]{0,2}[=:]{1,2}([a-z0-9]{2,4})(?:[ \\n]|$)",
        "a{2,}b",
        "(ab){2}|c",
        "(?:)",
        "\\d+\\.\\d*",
        "(a*)*b",
        "(?:a?b?)+c",
        "(?:\\b|x)+y",
    ];

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Build_RandomInputs_MatchEndsEqualOracle(string pattern)
    {
        // The one bare `$` above only appears inside (?m)-free alternation at the end: translate it to \z.
        var dotnet = pattern.EndsWith("|$)", StringComparison.Ordinal) ? pattern[..^3] + "|\\z)" : pattern;
        var dfa = DfaRunner.Build(pattern).Dfa;
        var oracle = new MatchEndOracle(dotnet);
        Gen.Char[Alphabet].Array[0, 24].Select(c => new string(c)).Sample(text =>
        {
            var expected = oracle.Ends(text);
            var actual = DfaRunner.Ends(dfa, DfaRunner.Latin1(text));
            Assert.True(expected.AsSpan().SequenceEqual(actual),
                $"pattern {pattern} text \"{text.ReplaceLineEndings("\\n")}\": expected {DfaRunner.Show(expected)} got {DfaRunner.Show(actual)}");
        }, iter: 150, threads: 1);
    }

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Build_MidStreamStart_MatchEndsEqualOracle(string pattern)
    {
        var dotnet = pattern.EndsWith("|$)", StringComparison.Ordinal) ? pattern[..^3] + "|\\z)" : pattern;
        var dfa = DfaRunner.Build(pattern).Dfa;
        var oracle = new MatchEndOracle(dotnet);
        Gen.Char[Alphabet].Array[1, 20].Select(c => new string(c)).Sample(text =>
        {
            var expected = oracle.Ends(text, from: 1);
            var bytes = DfaRunner.Latin1(text);
            var tail = DfaRunner.Ends(dfa, bytes.AsSpan(1), LookBehindClassifier.Classify(bytes[0]));
            Assert.True(expected.AsSpan(1).SequenceEqual(tail),
                $"pattern {pattern} text \"{text.ReplaceLineEndings("\\n")}\": expected {DfaRunner.Show(expected[1..])} got {DfaRunner.Show(tail)}");
        }, iter: 100, threads: 1);
    }
}
