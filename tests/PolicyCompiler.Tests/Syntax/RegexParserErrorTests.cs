using Hush.PolicyCompiler.Syntax;

namespace Hush.PolicyCompiler.Tests.Syntax;

public sealed class RegexParserErrorTests
{
    [Theory]
    [InlineData("ab(?=c)", 2, "lookahead `(?=` is not supported (Hush compiles rules to automata; lookaround has no automaton form)")]
    [InlineData("(?!c)", 0, "lookahead `(?!` is not supported (Hush compiles rules to automata; lookaround has no automaton form)")]
    [InlineData("x(?<=c)", 1, "lookbehind `(?<=` is not supported (Hush compiles rules to automata; lookaround has no automaton form)")]
    [InlineData("x(?<!c)", 1, "lookbehind `(?<!` is not supported (Hush compiles rules to automata; lookaround has no automaton form)")]
    [InlineData("(a)\\1", 3, "backreference `\\1` is not supported (Hush compiles rules to automata; a backreference needs memory of the matched text)")]
    [InlineData("a\\8", 1, "backreference `\\8` is not supported (Hush compiles rules to automata; a backreference needs memory of the matched text)")]
    [InlineData("(?P<n>a)\\k<n>", 8, "backreference `\\k` is not supported (Hush compiles rules to automata; a backreference needs memory of the matched text)")]
    [InlineData("(?P<n>a)(?P=n)", 8, "backreference `(?P=` is not supported (Hush compiles rules to automata; a backreference needs memory of the matched text)")]
    [InlineData("ab++", 2, "possessive quantifier `++` is not supported (Hush compiles rules to automata; it depends on backtracking)")]
    [InlineData("a*+", 1, "possessive quantifier `*+` is not supported (Hush compiles rules to automata; it depends on backtracking)")]
    [InlineData("a{2}+", 1, "possessive quantifier `{2}+` is not supported (Hush compiles rules to automata; it depends on backtracking)")]
    [InlineData("x(?>a)", 1, "atomic group `(?>` is not supported (Hush compiles rules to automata; it depends on backtracking)")]
    [InlineData("(?(1)a|b)", 0, "conditional `(?(` is not supported (Hush compiles rules to automata; it depends on backtracking)")]
    [InlineData("ab\\Z", 2, "anchor `\\Z` is not supported (it matches before a final newline; use `$` or `\\z`)")]
    [InlineData("\\G", 0, "anchor `\\G` is not supported (there is no previous-match position in streaming matching)")]
    [InlineData("a\\K", 1, "match reset `\\K` is not supported (Hush compiles rules to automata; it depends on backtracking)")]
    [InlineData("\\e", 0, "escape `\\e` is not supported (RE2 has no `\\e`; write `\\x1B`)")]
    [InlineData("a\\p{L}", 1, "Unicode class `\\p{L}` is not supported (Unicode classes are not supported; the dialect's classes are ASCII, list the characters explicitly)")]
    [InlineData("[\\pL]", 1, "Unicode class `\\pL` is not supported (Unicode classes are not supported; the dialect's classes are ASCII, list the characters explicitly)")]
    [InlineData("(?'n'a)", 0, "named group `(?'` is not supported (write `(?P<name>…)` or `(?<name>…)`)")]
    public void Unsupported_ConstructMessageAndOffset(string pattern, int offset, string message)
    {
        var e = Assert.Throws<RegexSyntaxException>(() => RegexParser.Parse(pattern));
        Assert.Equal((offset, message), (e.Offset, e.Message));
    }

    [Theory]
    [InlineData("ab(c", 2, "missing closing `)`")]
    [InlineData("ab)c", 2, "unmatched `)`")]
    [InlineData("a[bc", 1, "missing closing `]`")]
    [InlineData("ab\\", 2, "trailing backslash at end of pattern")]
    [InlineData("a\\q", 1, "invalid escape sequence `\\q`")]
    [InlineData("*a", 0, "missing argument to repetition operator `*`")]
    [InlineData("a|+", 2, "missing argument to repetition operator `+`")]
    [InlineData("{2}", 0, "missing argument to repetition operator `{2}`")]
    [InlineData("a**", 2, "invalid nested repetition operator `*`")]
    [InlineData("a{2}{3}", 4, "invalid nested repetition operator `{3}`")]
    [InlineData("a{1001}", 1, "invalid repeat count `{1001}` (counts go up to 1000, min ≤ max)")]
    [InlineData("a{5,2}", 1, "invalid repeat count `{5,2}` (counts go up to 1000, min ≤ max)")]
    [InlineData("(?:a{100}){20}", 10, "invalid repeat count `{20}`: nested counts multiply to more than 1000")]
    [InlineData("x[z-a]", 2, "invalid character class range `z-a`")]
    [InlineData("[[:foo:]]", 1, "invalid character class range `[:foo:]`")]
    [InlineData("\\x{110000}", 0, "invalid code point `\\x{110000}`")]
    [InlineData("\\xZ1", 0, "invalid escape sequence: `\\x` needs two hex digits or `{…}`")]
    [InlineData("a[^\\x00-\\x{10FFFF}]", 1, "class matches nothing")]
    [InlineData("(?P<a>x)(?P<a>y)", 8, "duplicate capture group name `a`")]
    [InlineData("(?P<>x)", 0, "invalid named capture group: a name is letters, digits and `_`, closed by `>`")]
    [InlineData("(?z)", 0, "invalid or unsupported group syntax `(?z`")]
    [InlineData("(?i-)", 0, "invalid or unsupported group syntax `(?i-)`")]
    [InlineData("a(?#open", 1, "missing closing `)` of comment `(?#`")]
    [InlineData("[\\b]", 1, "invalid escape `\\b` inside a character class")]
    public void Malformed_PreciseOffset(string pattern, int offset, string message)
    {
        var e = Assert.Throws<RegexSyntaxException>(() => RegexParser.Parse(pattern));
        Assert.Equal((offset, message), (e.Offset, e.Message));
    }
}
