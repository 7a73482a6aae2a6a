using System.Text;
using CsCheck;
using Hush.Policy.Format;
using Hush.Policy.Matching;
using Hush.Policy.Rules;
using Hush.PolicyCompiler.Cli;

namespace Hush.PolicyCompiler.Tests.Cli;

public sealed class HushCliFailureTests : IDisposable
{
    private const string Header = "version: 1\nname: t\npolicy_version: '1'\n";

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Compile_OverStateBudget_NamesEveryOffendingRule_Exit1()
    {
        var policy = _cli.Write("p.yaml", Header + "rules:\n  - id: long-a\n    pattern: 'abcdefghijklmnopqrstuvwxyz0123456789'\n" +
            "  - id: short\n    pattern: 'ab'\n  - id: long-b\n    pattern: 'zyxwvutsrqponmlkjihgfedcba9876543210'\n");
        var artifact = _cli.PathOf("p.bin");
        var (code, _, err) = CliRunner.Run("compile", policy, "-o", artifact, "--max-states", "16");
        Assert.Equal(1, code);
        Assert.False(File.Exists(artifact));
        var lines = err.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith($"{policy}:6:14: error: long-a: ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{policy}:10:14: error: long-b: ", lines[1], StringComparison.Ordinal);
        Assert.Contains("long-a, long-b", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Test_ExpectHoldNotFired_PrintsHoldDiff_Exit1()
    {
        var policy = _cli.Write("p.yaml", Header +
            "hold:\n  - id: rm-rf\n    pattern: 'rm -rf /'\n    reason: r\n    approvers: [ops]\n" +
            "tests:\n  - name: quiet\n    input: 'ls -la'\n    expect_hold: [rm-rf]\n");
        var (code, output, _) = CliRunner.Run("test", policy);
        Assert.Equal(1, code);
        Assert.Contains("FAIL ", output, StringComparison.Ordinal);
        Assert.Contains(": quiet\n", output, StringComparison.Ordinal);
        Assert.Contains("\n-holds: rm-rf\n+holds: (none)\n", output, StringComparison.Ordinal);
        Assert.EndsWith("\n0 passed, 1 failed\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_BrokenPolicy_ReportsDiagnostics_Exit1()
    {
        var policy = _cli.Write("p.yaml", Header + "rules:\n  - id: r\n    pattern: 'x(?<=y)'\n");
        var (code, output, err) = CliRunner.Run("test", policy);
        Assert.Equal((1, ""), (code, output));
        Assert.StartsWith($"{policy}:6:16: error: r: ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_UnwritableOutput_Exit3()
    {
        var policy = _cli.Write("p.yaml", Header + "rules:\n  - id: r\n    pattern: 'abc'\n");
        var (code, _, err) = CliRunner.Run("compile", policy, "-o", _cli.PathOf("no/such/dir/p.bin"));
        Assert.Equal(3, code);
        Assert.StartsWith("hushc: error: cannot write ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_RandomChunkSizes_EqualMaskAll()
    {
        var policy = _cli.Write("p.yaml", Header + "rules:\n  - id: k\n    pattern: 'key_[a-z0-9]{8}'\nenv_vars: [PW]\n");
        var artifact = _cli.PathOf("p.bin");
        Assert.Equal(0, CliRunner.Run("compile", policy, "-o", artifact).Code);
        var compiled = ArtifactReader.ReadFile(artifact);
        var matcher = new PolicyMatcher(compiled, RuleDirection.Response);
        var pieces = Gen.OneOf("key_abcd1234", "PW=hunter22 ", "key_", "PW", "=", " ", "\n", "xyz", "é");
        Gen.Select(pieces.Array[0, 30], Gen.Int[1, 20]).Sample((parts, chunk) =>
        {
            var input = Encoding.UTF8.GetBytes(string.Concat(parts));
            using var stdin = new MemoryStream(input);
            using var stdout = new MemoryStream();
            using (var console = new CliConsole(stdin, stdout, TextWriter.Null))
            {
                ScanCommand.Scan(matcher, stdin, console, chunk);
            }

            Assert.Equal(matcher.MaskAll(input), stdout.ToArray());
        }, iter: 200);
    }
}
