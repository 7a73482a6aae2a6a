using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Hush.Policy.Format;
using Hush.Policy.Matching;
using Hush.Policy.Rules;
using Hush.PolicyCompiler.Emit;
using Hush.PolicyCompiler.Tests.Policies;

namespace Hush.PolicyCompiler.Tests.Fuzz;

/// <summary>
/// The compiler and artifact-reader defects the <c>policy</c> and <c>artifact</c> fuzz targets found
/// (docs/fuzzing.md), pinned as unit tests beside the minimized inputs in tests/Fuzz/regressions/.
/// </summary>
public sealed class FuzzFindingTests
{
    [Theory]
    [InlineData(":\n[\n0")]
    [InlineData("...\0")]
    [InlineData("!![")]
    [InlineData("!<>")]
    public void PolicyLoader_YamlThatCrashedYamlDotNet_IsOneDiagnostic(string yaml)
    {
        // YamlDotNet threw InvalidOperationException / ArgumentException (not YamlException) on these, which escaped
        // the loader as an unhandled exception with a stack trace.
        var result = PolicyText.Load(yaml);

        Assert.False(result.Success);
        var problem = Assert.Single(result.Diagnostics);
        Assert.StartsWith("invalid YAML", problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Position.Line >= 1 && problem.Position.Column >= 1);
    }

    [Fact]
    public void PolicyCompilation_LiteralBeyondDeclaredMaxLength_PrefixClampedAndArtifactRoundTrips()
    {
        // `{1#,40}` is a literal (not a repeat), so the prefilter literal follows two capped `\s*`: its prefix
        // (3 + 80 + 1 + 80 + 1 + 1) exceeded max_length 80, and ArtifactWriter refused the compiled policy.
        var policy = PolicyText.Compile(PolicyText.Header +
            "rules:\n  - id: r\n    pattern: '(?:key|dk)\\s*[:=]\\s*\"?([a-z0-9]{1#,40})'\n    secret: 1\n    max_length: 80\n");

        var rule = Assert.Single(policy.Rules);
        Assert.NotEmpty(rule.Prefilter.Literals);
        Assert.InRange(rule.Prefilter.MaxPrefix, 0, rule.MaxMatchLength);
        Assert.InRange(rule.Prefilter.LookBack, 0, rule.Prefilter.MaxPrefix);
        var reread = ArtifactReader.Read(ArtifactWriter.Write(policy));
        Assert.Equal(rule.Prefilter.MaxPrefix, Assert.Single(reread.Rules).Prefilter.MaxPrefix);
    }

    private static readonly string s_awsPolicy = PolicyText.Header +
        "rules:\n  - id: aws\n    pattern: '\\b((?:AKIA|ASIA)[A-Z2-7]{16})\\b'\n    secret: 1\n" +
        "    replacement: \"{keep:4}[MASKED:{id}]\"\n    allow:\n      - regex: 'EXAMPLE$'\n";

    [Theory]
    [InlineData("(?:(?:(?<=", ")?:(?:(?<=", "ConfirmPattern is not a valid .NET regex")]
    [InlineData("[\\x41][\\x4B]", "[\\X41][\\x4B]", "ConfirmPattern is not a valid .NET regex")]
    [InlineData("[\\x4C][\\x45]\\z)", "[\\x4C][\\x45]\\z(", "AllowPatterns[0] is not a valid .NET regex")]
    [InlineData("{keep:4}[MASKED:{id}]", "{keep:4}[MASKED:{id}}", "Replacement is not a valid template")]
    [InlineData("{keep:4}[MASKED:{id}]", "{kept:4}[MASKED:{id}]", "Replacement is not a valid template")]
    public void ArtifactReader_TextTheMatcherCannotParse_IsFormatError(string from, string to, string expected)
    {
        // Before: the artifact loaded, then `new PolicyMatcher` threw FormatException (templates) or the first candidate
        // threw RegexParseException out of StreamingMatcher.Write (patterns), in the middle of a stream.
        var artifact = Patch(ArtifactWriter.Write(PolicyText.Compile(s_awsPolicy)), from, to);

        var e = Assert.Throws<ArtifactFormatException>(() => ArtifactReader.Read(artifact));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ArtifactReader_ConfirmPatternThatEscapesItsGroup_IsFormatError()
    {
        // `(?x)` makes `#` start a comment, which swallows the `)` the confirmer appends: the pattern parses alone
        // but not as `\G(?:…)`, the form the matcher builds.
        var artifact = Patch(ArtifactWriter.Write(PolicyText.Compile(s_awsPolicy)), "(?:(?:(?<=", "(?x)#:(?<=");

        var e = Assert.Throws<ArtifactFormatException>(() => ArtifactReader.Read(artifact));

        Assert.Contains("ConfirmPattern is not a valid .NET regex", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ArtifactReader_ValidArtifact_StillLoadsAndMasks()
    {
        var policy = ArtifactReader.Read(ArtifactWriter.Write(PolicyText.Compile(s_awsPolicy)));

        var masked = new PolicyMatcher(policy, RuleDirection.Response).MaskAll("id AKIAJ3JWK2UTG5DY2QIM ok"u8);

        Assert.Equal("id AKIA[MASKED:aws] ok", Encoding.UTF8.GetString(masked));
    }

    /// <summary>Replaces the first occurrence of <paramref name="from"/> by a text of the same length and re-seals the file.</summary>
    private static byte[] Patch(byte[] artifact, string from, string to)
    {
        Assert.Equal(from.Length, to.Length);
        var at = artifact.AsSpan().IndexOf(Encoding.ASCII.GetBytes(from));
        Assert.True(at >= 0, $"`{from}` is not in the artifact");
        var patched = (byte[])artifact.Clone();
        Encoding.ASCII.GetBytes(to).CopyTo(patched, at);
        BinaryPrimitives.WriteUInt64LittleEndian(patched.AsSpan(ArtifactFormat.FileLengthOffset), (ulong)patched.Length);
        SHA256.HashData(patched.AsSpan(0, patched.Length - ArtifactFormat.ChecksumLength),
            patched.AsSpan(patched.Length - ArtifactFormat.ChecksumLength));
        return patched;
    }
}
