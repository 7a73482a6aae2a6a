using System.Buffers;
using System.Text;
using Hush.Policy.Matching;

namespace Hush.Policy.Tests.Matching;

public sealed class ReplacementTemplateTests
{
    private static string Render(string template, string secret)
    {
        var output = new ArrayBufferWriter<byte>();
        ReplacementTemplate.Parse(template, "rule-1").Render(Encoding.UTF8.GetBytes(secret), output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    [Theory]
    [InlineData("[MASKED:{id}]", "[MASKED:rule-1]")]
    [InlineData("{len}", "12")]
    [InlineData("{keep:4}***", "ghp_***")]
    [InlineData("{keep:40}", "ghp_abcdefgh")]
    [InlineData("{{{id}}}", "{rule-1}")]
    [InlineData("}}{{", "}{")]
    [InlineData("", "")]
    [InlineData("é{len}", "é12")]
    public void Render_Placeholders_Expanded(string template, string expected) =>
        Assert.Equal(expected, Render(template, "ghp_abcdefgh"));

    [Theory]
    [InlineData("{nope}")]
    [InlineData("{keep:x}")]
    [InlineData("{keep:-1}")]
    [InlineData("{id")]
    [InlineData("a}b")]
    public void Parse_BadTemplate_Throws(string template) =>
        Assert.Throws<FormatException>(() => ReplacementTemplate.Parse(template, "r"));
}
