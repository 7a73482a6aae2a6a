using Hush.Policy.Automata;
using Hush.Policy.Rules;
using Hush.PolicyCompiler.Emit;

namespace Hush.Policy.Tests.Format;

/// <summary>The writer refuses models the reader would reject, naming the rule and field.</summary>
public sealed class ArtifactWriterTests
{
    private static CompiledPolicy WithRule(CompiledRule rule) => new()
    {
        Name = "p",
        Version = "1",
        SourceSha256 = new byte[32],
        Rules = [rule],
    };

    private static CompiledRule Rule(Dfa? automaton = null, int secretGroup = 0, string id = "r", double minEntropy = 0,
        RulePrefilter? prefilter = null) => new()
    {
        Id = id,
        ConfirmPattern = "x",
        SecretGroup = secretGroup,
        MinEntropy = minEntropy,
        MaxMatchLength = 4,
        MaxSecretLength = 4,
        Automaton = automaton ?? ArtifactTestPolicies.ThreeState(),
        Prefilter = prefilter ?? RulePrefilter.AlwaysOnFilter,
    };

    [Fact]
    public void Write_WrongSourceHashLength_Throws()
    {
        var policy = new CompiledPolicy { Name = "p", Version = "1", SourceSha256 = new byte[31], Rules = [] };
        var ex = Assert.Throws<ArgumentException>(() => ArtifactWriter.Write(policy));
        Assert.Contains("SourceSha256 must be 32 bytes", ex.Message);
    }

    [Fact]
    public void Write_InvalidAutomaton_ThrowsNamingRule()
    {
        var good = ArtifactTestPolicies.ThreeState();
        var bad = new Dfa(good.ByteClasses, good.ClassCount, good.StrideLog2, [.. good.Transitions[..^1], 3],
            good.Flags, good.SpecialLimit, good.StartStates);
        var ex = Assert.Throws<ArgumentException>(() => ArtifactWriter.Write(WithRule(Rule(bad))));
        Assert.StartsWith("rule 0 'r': invalid automaton: transition 11", ex.Message);
    }

    [Fact]
    public void Write_SecretGroupOutOfRange_ThrowsWithReaderMessage()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => ArtifactWriter.Write(WithRule(Rule(secretGroup: -1))));
        Assert.Equal("the compiled policy cannot be stored: rule 0 'r': SecretGroup value 255 is outside 0..1", ex.Message);
    }

    [Fact]
    public void Write_MinEntropyAboveEight_Throws()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => ArtifactWriter.Write(WithRule(Rule(minEntropy: 9))));
        Assert.Contains("MinEntropy 9 is not a finite value in [0, 8]", ex.Message);
    }

    [Fact]
    public void Write_UpperCaseLiteral_Throws()
    {
        var prefilter = new RulePrefilter(["AKIA"u8.ToArray()], 0);
        var ex = Assert.Throws<InvalidOperationException>(() => ArtifactWriter.Write(WithRule(Rule(prefilter: prefilter))));
        Assert.Contains("Prefilter.Literals[0] contains an ASCII upper-case byte", ex.Message);
    }

    [Fact]
    public void Write_LoneSurrogateInId_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => ArtifactWriter.Write(WithRule(Rule(id: "bad\uD800"))));
        Assert.Contains("Id is not well-formed UTF-16", ex.Message);
    }

    [Fact]
    public void Write_DuplicateIds_Throws()
    {
        var policy = new CompiledPolicy
        {
            Name = "p",
            Version = "1",
            SourceSha256 = new byte[32],
            Rules = [Rule(), Rule()],
        };
        var ex = Assert.Throws<InvalidOperationException>(() => ArtifactWriter.Write(policy));
        Assert.Contains("rule 1 'r': Id duplicates an earlier rule's", ex.Message);
    }
}
