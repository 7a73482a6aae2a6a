using System.Text;
using CsCheck;
using Hush.PolicyCompiler.Import;

namespace Hush.PolicyCompiler.Tests.Import;

public sealed class YamlScalarTests
{
    // Characters that stress YAML quoting: indicators, quotes, escapes, blanks, line breaks, non-ASCII.
    private static readonly Gen<string> s_text = Gen.OneOf(
        Gen.Char["\n \t#'\"\\:-|>[]{}*&!%@`,?ab\u00e9\u2028\u0085\u0001\uFEFF"].Array[0, 40].Select(c => new string(c)),
        Gen.String.Select(WithoutLoneSurrogates));

    // Text read from UTF-8 files never holds a lone surrogate, and YAML cannot carry one.
    private static string WithoutLoneSurrogates(string s)
    {
        var chars = s.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = 'x';
            }
        }

        return new string(chars);
    }

    private static string ReadBack(StringBuilder sb)
    {
        var view = new PolicyYamlView(sb.ToString());
        return view.Rules.Single().Scalar("pattern")!;
    }

    [Fact]
    public void Append_AnyString_ReadsBackIdentically()
    {
        s_text.Sample(value =>
        {
            var sb = new StringBuilder("rules:\n  - id: 'x'\n    pattern:");
            YamlScalar.Append(sb, value, 4);
            sb.Append("\n    secret: 1\n");

            Assert.Equal(value, ReadBack(sb));
        }, iter: 2000);
    }

    [Fact]
    public void Append_InSequenceMapping_ReadsBackIdentically()
    {
        s_text.Sample(value =>
        {
            var sb = new StringBuilder("rules:\n  - id: 'x'\n    allow:\n      - regex:");
            YamlScalar.Append(sb, value, 8);
            sb.Append("\n      -");
            YamlScalar.Append(sb, value, 6);
            sb.Append("\n    secret: 1\n");

            var allow = new PolicyYamlView(sb.ToString()).Rules.Single().Allow;
            Assert.Equal(["regex:" + value, value], allow);
        }, iter: 1000);
    }

    [Theory]
    [InlineData(@"\b(ghp_[a-z]{36})\b", @" '\b(ghp_[a-z]{36})\b'")]
    [InlineData("it's", " 'it''s'")]
    [InlineData("(?x)\n  a # c\n", " |\n      (?x)\n        a # c")]
    [InlineData("  (?x)\nb", " |2-\n        (?x)\n      b")]
    [InlineData("a\u0001b", " \"a\\u0001b\"")]
    public void Append_ChoosesReadableStyle(string value, string expected)
    {
        var sb = new StringBuilder();
        YamlScalar.Append(sb, value, 4);

        Assert.Equal(expected, sb.ToString());
    }
}
