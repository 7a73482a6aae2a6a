using System.Text;
using Hush.Policy.Format;
using Hush.Policy.Matching;
using Hush.Policy.Rules;

namespace Hush.PolicyCompiler.Tests.Cli;

public sealed class HushCliTests : IDisposable
{
    private const string Policy = """
        version: 1
        name: demo
        policy_version: "2026.1"
        rules:
          - id: github-classic-pat
            pattern: '\b(ghp_[A-Za-z0-9]{36})\b'
            secret: 1
            replacement: "ghp_[MASKED:{id}]"
        env_vars:
          - MY_TOKEN
        hold:
          - id: terraform-destroy
            pattern: '\bterraform\s+destroy\b'
            reason: "Destroys managed infrastructure"
            approvers: [platform-admins]
            max_length: 100
        tests:
          - name: pat
            input: "t = ghp_abcdefghijklmnopqrstuvwxyz0123456789;"
            expect: "t = ghp_[MASKED:github-classic-pat];"
          - name: env
            input: "export MY_TOKEN=\"s3cr3tValue\""
            expect: "export MY_TOKEN=\"[MASKED:env.MY_TOKEN]\""
          - input: "terraform destroy"
            expect_hold: [terraform-destroy]
        """;

    private const string Secret = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private string CompileDemo()
    {
        var policy = _cli.Write("policy.yaml", Policy);
        var artifact = _cli.PathOf("policy.hushpolicy");
        var (code, _, err) = CliRunner.Run("compile", policy, "-o", artifact);
        Assert.True(code == 0, err);
        return artifact;
    }

    [Fact]
    public void Compile_WritesLoadableArtifact_Exit0()
    {
        var artifact = CompileDemo();
        var policy = ArtifactReader.ReadFile(artifact);
        Assert.Equal(("demo", "2026.1"), (policy.Name, policy.Version));
        Assert.Equal(["github-classic-pat", "env.MY_TOKEN", "terraform-destroy"], policy.Rules.Select(r => r.Id));
    }

    [Fact]
    public void Compile_Twice_ByteIdenticalArtifacts()
    {
        var policy = _cli.Write("policy.yaml", Policy);
        Assert.Equal(0, CliRunner.Run("compile", policy, "-o", _cli.PathOf("a.bin")).Code);
        Assert.Equal(0, CliRunner.Run("compile", policy, "--output", _cli.PathOf("b.bin")).Code);
        Assert.Equal(File.ReadAllBytes(_cli.PathOf("a.bin")), File.ReadAllBytes(_cli.PathOf("b.bin")));
    }

    [Fact]
    public void Check_BadPolicy_OneLinePerProblem_Exit1()
    {
        var policy = _cli.Write("bad.yaml", "version: 1\nname: x\npolicy_version: '1'\nrules:\n  - id: r\n    pattern: 'a(?=b)'\n    colour: red\n");
        var (code, output, err) = CliRunner.Run("check", policy);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        var lines = err.TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith($"{policy}:7:5: error: r: unknown key `colour`", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RegexError_ReportsLineColumnInsidePattern()
    {
        var policy = _cli.Write("bad.yaml", "version: 1\nname: x\npolicy_version: '1'\nrules:\n  - id: r\n    pattern: 'a(?=b)'\n");
        var (code, _, err) = CliRunner.Run("check", policy);
        Assert.Equal(1, code);
        Assert.StartsWith($"{policy}:6:16: error: r: lookahead ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_GoodPolicy_Exit0()
    {
        var (code, output, err) = CliRunner.Run("check", _cli.Write("p.yaml", Policy));
        Assert.Equal((0, ""), (code, err));
        Assert.Contains("ok: 3 rules", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_AllPass_SummaryLine_Exit0()
    {
        var (code, output, err) = CliRunner.Run("test", _cli.Write("p.yaml", Policy));
        Assert.True(code == 0, output + err);
        Assert.Contains("\n3 passed, 0 failed\n", "\n" + output, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_Failure_PrintsDiff_Exit1()
    {
        var policy = _cli.Write("p.yaml", Policy.Replace("t = ghp_[MASKED:github-classic-pat];", "t = WRONG;", StringComparison.Ordinal));
        var (code, output, _) = CliRunner.Run("test", policy);
        Assert.Equal(1, code);
        Assert.Contains("FAIL ", output, StringComparison.Ordinal);
        Assert.Contains("--- expected\n+++ actual\n", output, StringComparison.Ordinal);
        Assert.Contains("\n-t = WRONG;\n", output, StringComparison.Ordinal);
        Assert.Contains("\n+t = ghp_[MASKED:github-classic-pat];\n", output, StringComparison.Ordinal);
        Assert.Contains("\n2 passed, 1 failed\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_ListsRulesAndTotals()
    {
        var (code, output, _) = CliRunner.Run("explain", CompileDemo());
        Assert.Equal(0, code);
        Assert.Contains("policy:  demo", output, StringComparison.Ordinal);
        Assert.Matches(@"github-classic-pat\s+mask\s+both\s+\d+\s+\d+\s+\d+\s+exact\s+40\s+80\s+literals ""ghp_", output);
        Assert.Matches(@"terraform-destroy\s+hold\s+response", output);
        Assert.Contains("total: 3 rules", output, StringComparison.Ordinal);
        Assert.Contains("stream hold-back bound: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_LookBackRule_ShowsLookBack()
    {
        var policy = _cli.Write("lookback.yaml", "version: 1\nname: lb\npolicy_version: '1'\nrules:\n"
            + "  - id: tf-token\n    pattern: '(?i)[a-z0-9]{14}\\.atlasv1\\.[a-z0-9_=-]{60,70}'\n");
        var artifact = _cli.PathOf("lookback.hushpolicy");
        Assert.Equal(0, CliRunner.Run("compile", policy, "-o", artifact).Code);
        var (code, output, _) = CliRunner.Run("explain", artifact);
        Assert.Equal(0, code);
        Assert.Contains("(max prefix 14, look-back 14)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_ChunkOne_EqualsWholeInput_AndMaskAll()
    {
        var artifact = CompileDemo();
        var input = new StringBuilder();
        for (var i = 0; i < 40; i++)
        {
            input.Append($"line {i}: key {Secret} and MY_TOKEN=v{i}alue ghp_short \n");
        }

        var bytes = Encoding.UTF8.GetBytes(input.ToString());
        var file = _cli.PathOf("in.txt");
        File.WriteAllBytes(file, bytes);
        var whole = CliRunner.Run([], "scan", artifact, file, "--chunk", "1000000");
        var single = CliRunner.Run([], "scan", artifact, file, "--chunk", "1");
        var stdin = CliRunner.Run(bytes, "scan", artifact, "--chunk", "7");
        Assert.Equal(0, whole.Code);
        Assert.Equal(whole.Out, single.Out);
        Assert.Equal(whole.Out, stdin.Out);
        var expected = new PolicyMatcher(ArtifactReader.ReadFile(artifact), RuleDirection.Response).MaskAll(bytes);
        Assert.Equal(expected, whole.Out);
        Assert.DoesNotContain(Secret, Encoding.UTF8.GetString(whole.Out), StringComparison.Ordinal);
        Assert.Contains("ghp_[MASKED:github-classic-pat]", Encoding.UTF8.GetString(whole.Out), StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_HoldVerdict_OnStderr_WithoutMatchedText()
    {
        var artifact = CompileDemo();
        var (code, output, err) = CliRunner.Run(Encoding.UTF8.GetBytes("ok; terraform destroy\n"), "scan", artifact);
        Assert.Equal(0, code);
        Assert.Equal("ok; terraform destroy\n", Encoding.UTF8.GetString(output));
        Assert.Equal("hold: terraform-destroy at 4-21: Destroys managed infrastructure\n", err);
    }

    [Fact]
    public void Scan_RequestDirection_SkipsResponseOnlyHold()
    {
        var artifact = CompileDemo();
        var (code, _, err) = CliRunner.Run(Encoding.UTF8.GetBytes("terraform destroy"), "scan", artifact, "--direction", "request");
        Assert.Equal((0, ""), (code, err));
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("compile")]
    [InlineData("scan", "a.bin", "--chunk", "0")]
    [InlineData("scan", "a.bin", "--direction", "sideways")]
    [InlineData("import", "--from", "trufflehog", "x.toml", "-o", "p.yaml")]
    public void UsageErrors_Exit2(params string[] args)
    {
        var (code, _, err) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.StartsWith("hushc: error: ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingPolicy_Exit3()
    {
        var (code, _, err) = CliRunner.Run("check", _cli.PathOf("nope.yaml"));
        Assert.Equal(3, code);
        Assert.StartsWith("hushc: error: cannot read ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingArtifact_Exit3() =>
        Assert.Equal(3, CliRunner.Run("explain", _cli.PathOf("nope.bin")).Code);

    [Fact]
    public void CorruptArtifact_Exit4_OneLine()
    {
        var artifact = CompileDemo();
        var bytes = File.ReadAllBytes(artifact);
        bytes[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(artifact, bytes[..(bytes.Length - 3)]);
        var (code, _, err) = CliRunner.Run("scan", artifact);
        Assert.Equal(4, code);
        Assert.StartsWith("hushc: error: ", err, StringComparison.Ordinal);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Import_Gitleaks_WritesCheckablePolicy()
    {
        var toml = _cli.Write("gitleaks.toml", """
            title = "mini"
            [[rules]]
            id = "demo-token"
            description = "Demo token"
            regex = '''\b(demo_[a-z0-9]{20})\b'''
            keywords = ["demo_"]
            """);
        var output = _cli.PathOf("imported.yaml");
        var (code, _, err) = CliRunner.Run("import", "--from", "gitleaks", toml, "-o", output);
        Assert.True(code == 0, err);
        var (checkCode, checkOut, checkErr) = CliRunner.Run("check", output);
        Assert.True(checkCode == 0, checkErr);
        Assert.Contains("ok: 1 rules", checkOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_MissingFile_Exit3() =>
        Assert.Equal(3, CliRunner.Run("import", "--from", "gitleaks", _cli.PathOf("none.toml"), "-o", _cli.PathOf("o.yaml")).Code);

    [Fact]
    public void Help_Exit0() => Assert.Equal(0, CliRunner.Run("--help").Code);
}
