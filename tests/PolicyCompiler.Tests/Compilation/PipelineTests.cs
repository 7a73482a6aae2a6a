using System.Text;
using Hush.Policy.Matching;
using Hush.Policy.Rules;
using Hush.PolicyCompiler.Compilation;
using Hush.PolicyCompiler.Emit;
using Hush.PolicyCompiler.Tests.Policies;

namespace Hush.PolicyCompiler.Tests.Compilation;

/// <summary>Env vars, hold rules and the fallback detector through load → compile → matcher.</summary>
public sealed class PipelineTests
{
    private static readonly CompiledPolicy s_env = PolicyText.Compile(PolicyText.Header + "env_vars:\n  - MY_TOKEN\n");

    private static string Mask(CompiledPolicy policy, string input, RuleDirection direction = RuleDirection.Response) =>
        Encoding.UTF8.GetString(new PolicyMatcher(policy, direction).MaskAll(Encoding.UTF8.GetBytes(input)));

    [Theory]
    [InlineData("MY_TOKEN=s3cr3tValue\n", "MY_TOKEN=[MASKED:env.MY_TOKEN]\n")]
    [InlineData("export MY_TOKEN=\"s3cr3tValue\"\n", "export MY_TOKEN=\"[MASKED:env.MY_TOKEN]\"\n")]
    [InlineData("export MY_TOKEN='s3cr3tValue'", "export MY_TOKEN='[MASKED:env.MY_TOKEN]'")]
    [InlineData("env:\n  MY_TOKEN: s3cr3tValue\n", "env:\n  MY_TOKEN: [MASKED:env.MY_TOKEN]\n")]
    [InlineData("{\"MY_TOKEN\": \"s3cr3tValue\", \"x\": 1}", "{\"MY_TOKEN\": \"[MASKED:env.MY_TOKEN]\", \"x\": 1}")]
    [InlineData("os.environ[\"MY_TOKEN\"] = \"s3cr3tValue\"", "os.environ[\"MY_TOKEN\"] = \"[MASKED:env.MY_TOKEN]\"")]
    [InlineData("os.environ['MY_TOKEN']='s3cr3tValue'", "os.environ['MY_TOKEN']='[MASKED:env.MY_TOKEN]'")]
    [InlineData("ENV MY_TOKEN s3cr3tValue\n", "ENV MY_TOKEN [MASKED:env.MY_TOKEN]\n")]
    [InlineData("ENV MY_TOKEN=s3cr3tValue\n", "ENV MY_TOKEN=[MASKED:env.MY_TOKEN]\n")]
    [InlineData("docker run -e MY_TOKEN=s3cr3tValue img", "docker run -e MY_TOKEN=[MASKED:env.MY_TOKEN] img")]
    public void EnvVar_AssignmentForm_ValueMasked(string input, string expected) =>
        Assert.Equal(expected, Mask(s_env, input));

    [Theory]
    [InlineData("MY_TOKEN_2=value")]
    [InlineData("NOT_MY_TOKEN=value")]
    [InlineData("if MY_TOKEN == x")]
    [InlineData("MY_TOKEN is unset")]
    public void EnvVar_NotAnAssignment_Unchanged(string input) => Assert.Equal(input, Mask(s_env, input));

    [Fact]
    public void EnvVar_MaxLength_BoundsSecret()
    {
        var policy = PolicyText.Compile(PolicyText.Header + "env_vars:\n  - name: K\n    max_length: 8\n");
        Assert.Equal("K=[MASKED:env.K]", Mask(policy, "K=12345678"));
        Assert.Equal(8, policy.Rules[0].MaxSecretLength);
    }

    [Fact]
    public void HoldRule_RaisesHoldEvent_AndChangesNoByte()
    {
        var policy = PolicyText.Compile(PolicyText.Header +
            "hold:\n  - id: tf\n    pattern: '\\bterraform\\s+destroy\\b'\n    reason: Destroys infra\n    approvers: [ops]\n    max_length: 64\n");
        var rule = Assert.Single(policy.Rules);
        Assert.Equal(RuleAction.Hold, rule.Action);
        Assert.Equal("Destroys infra", rule.Reason);
        Assert.Equal(["ops"], rule.Approvers);
        Assert.Equal(RuleDirection.Response, rule.Direction);

        var input = Encoding.UTF8.GetBytes("run terraform  destroy -auto-approve");
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        var stream = new PolicyMatcher(policy, RuleDirection.Response).CreateStream();
        stream.Write(input, output);
        stream.Complete(output);
        Assert.Equal(input, output.WrittenSpan.ToArray());
        var e = Assert.Single(stream.Events.ToArray());
        Assert.Equal((RuleAction.Hold, 0, 4L, 22L), (e.Action, e.RuleIndex, e.Start, e.End));
    }

    [Fact]
    public void HoldRule_RequestDirection_DoesNotApply()
    {
        var policy = PolicyText.Compile(PolicyText.Header +
            "hold:\n  - id: tf\n    pattern: 'terraform destroy'\n    reason: r\n    approvers: [ops]\n");
        var stream = new PolicyMatcher(policy, RuleDirection.Request).CreateStream();
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        stream.Write("terraform destroy"u8, output);
        stream.Complete(output);
        Assert.Equal(0, stream.Events.Length);
    }

    [Fact]
    public void Fallback_MasksHighEntropyTokenAfterKeyword()
    {
        var policy = PolicyText.Compile(PolicyText.Header + "fallback: {}\n");
        Assert.Equal("fallback.credential", Assert.Single(policy.Rules).Id);
        Assert.Equal("db_password = \"[MASKED:fallback.credential]\"", Mask(policy, "db_password = \"Xk9mP2vL8qR5tZ3w\""));
        Assert.Equal("API_KEY: [MASKED:fallback.credential]", Mask(policy, "API_KEY: aB3dE6gH9jK2mN5pQ8sT"));
    }

    [Theory]
    [InlineData("password = aaaaaaaaaaaaaaaaaaaa")]
    [InlineData("password = short")]
    [InlineData("the token is not assigned here")]
    public void Fallback_LowEntropyOrNoAssignment_Unchanged(string input)
    {
        var policy = PolicyText.Compile(PolicyText.Header + "fallback: {}\n");
        Assert.Equal(input, Mask(policy, input));
    }

    [Fact]
    public void FallbackHold_RaisesHoldWithReason()
    {
        var policy = PolicyText.Compile(PolicyText.Header +
            "fallback:\n  action: hold\n  reason: generic secret\n  approvers: [sec]\n  keywords: [pass]\n");
        var rule = Assert.Single(policy.Rules);
        Assert.Equal((RuleAction.Hold, "generic secret"), (rule.Action, rule.Reason));
        Assert.Equal("passphrase=Xk9mP2vL8qR5tZ3w", Mask(policy, "passphrase=Xk9mP2vL8qR5tZ3w"));
        var stream = new PolicyMatcher(policy, RuleDirection.Response).CreateStream();
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        stream.Write("passphrase=Xk9mP2vL8qR5tZ3w"u8, output);
        stream.Complete(output);
        var e = Assert.Single(stream.Events.ToArray());
        Assert.Equal((RuleAction.Hold, 11L, 27L), (e.Action, e.Start, e.End));
    }

    [Fact]
    public void SecretByName_ResolvesToGroup_AndReplacementKeepsPrefix()
    {
        var policy = PolicyText.Compile(PolicyText.Header +
            "rules:\n  - id: gh\n    pattern: 'token=(?P<tok>ghp_[a-z0-9]{8})'\n    secret: tok\n    replacement: '{keep:4}***'\n");
        Assert.Equal("token=ghp_***;", Mask(policy, "token=ghp_abcd1234;"));
    }

    [Fact]
    public void Compile_RulesInSourceOrder_AndShaOfSource()
    {
        var text = PolicyText.Header + "rules:\n  - id: z\n    pattern: zz[0-9]\n  - id: a\n    pattern: aa[0-9]\nenv_vars: [K]\n" +
            "hold:\n  - id: h\n    pattern: hh\n    reason: r\n    approvers: [x]\nfallback: {}\n";
        var policy = PolicyText.Compile(text);
        Assert.Equal(["z", "a", "env.K", "h", "fallback.credential"], policy.Rules.Select(r => r.Id));
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)), policy.SourceSha256);
    }

    [Fact]
    public void Compile_Twice_AndSerially_ByteIdenticalArtifacts()
    {
        var text = PolicyText.Header + "rules:\n  - id: a\n    pattern: '\\b(ghp_[A-Za-z0-9]{36})\\b'\n    secret: 1\n" +
            "  - id: b\n    pattern: '(?i)key[=:][a-z0-9]{3,40}'\nenv_vars: [K, L]\nfallback: {}\n";
        var doc = PolicyText.LoadValid(text);
        var first = ArtifactWriter.Write(PolicyCompilation.Compile(doc, new CompilationOptions()).Policy!);
        var second = ArtifactWriter.Write(PolicyCompilation.Compile(PolicyText.LoadValid(text), new CompilationOptions()).Policy!);
        var serial = ArtifactWriter.Write(PolicyCompilation.Compile(doc, new CompilationOptions { MaxDegreeOfParallelism = 1 }).Policy!);
        Assert.Equal(first, second);
        Assert.Equal(first, serial);
    }

    [Fact]
    public void Stats_DescribeEachRule()
    {
        var result = PolicyCompilation.Compile(PolicyText.LoadValid(PolicyText.Header +
            "rules:\n  - id: a\n    pattern: 'ghp_[a-z]{4}'\n  - id: b\n    pattern: '[0-9]{3}x'\n"), new CompilationOptions());
        Assert.Equal(["a", "b"], result.Stats.Select(s => s.Id));
        Assert.NotEmpty(result.Stats[0].Literals);
        Assert.All(result.Stats[0].Literals, l => Assert.StartsWith("ghp_", l, StringComparison.Ordinal));
        Assert.False(result.Stats[0].AlwaysOn);
        Assert.Equal(8, result.Stats[0].MaxMatchLength);
        Assert.All(result.Stats, s => Assert.True(s.DfaStates > 1 && s.NfaStates > 1 && s.TableBytes > 0 && s.Exact));
    }

    [Fact]
    public void StateBudget_TooSmall_OneErrorNamingEachOffendingRule()
    {
        // Long literals cannot be relaxed, so they exceed a small budget in every form.
        var text = PolicyText.Header + "rules:\n  - id: big1\n    pattern: 'abcdefghijklmnopqrstuvwxyz0123456789'\n" +
            "  - id: small\n    pattern: 'ab'\n  - id: big2\n    pattern: 'zyxwvutsrqponmlkjihgfedcba9876543210'\n";
        var problems = PolicyText.Problems(text, new CompilationOptions { MaxStates = 16 });
        var summary = problems[^1];
        Assert.Contains("big1, big2", summary.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("small", summary.Message, StringComparison.Ordinal);
        Assert.Contains("--max-states", summary.Message, StringComparison.Ordinal);
        Assert.Equal(3, problems.Count);
    }
}
