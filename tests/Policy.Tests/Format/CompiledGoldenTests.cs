using System.Buffers;
using System.Text;
using Hush.Policy.Format;
using Hush.Policy.Matching;
using Hush.Policy.Rules;
using Hush.PolicyCompiler.Compilation;
using Hush.PolicyCompiler.Emit;
using Hush.PolicyCompiler.Policies;

namespace Hush.Policy.Tests.Format;

/// <summary>
/// A golden artifact made by <c>hushc compile</c> from a real policy: today's reader must load it and mask with it,
/// and today's compiler must still produce it byte for byte (a deliberate compiler or format change regenerates
/// it with the command in tests/testdata/golden/README.md).
/// </summary>
public sealed class CompiledGoldenTests
{
    private const string Artifact = "compiled-v1.hushpolicy";
    private const string Source = "compiled-v1.yaml";

    /// <summary>The same source compiled by the compiler as it was before its literal choice changed (same format).</summary>
    private const string EarlierArtifact = "compiled-v1-earlier.hushpolicy";

    [Theory]
    [InlineData(Artifact)]
    [InlineData(EarlierArtifact)]
    public void CompiledGolden_LoadsAndMasks(string artifact)
    {
        var policy = ArtifactReader.ReadFile(Golden(artifact));
        Assert.Equal("golden", policy.Name);
        Assert.Equal(
            ["aws-access-key-id", "github-pat", "password-assignment", "env.DEPLOY_TOKEN", "terraform-destroy"],
            policy.Rules.Select(r => r.Id).ToArray());

        var matcher = new PolicyMatcher(policy, RuleDirection.Response);
        var input = "key AKIAQYLPMN5HFIQR7XYA, password = \"Xk9#mQ2vL8pR4z\"; run terraform destroy";
        var output = new ArrayBufferWriter<byte>();
        var stream = matcher.CreateStream();
        foreach (var b in Encoding.ASCII.GetBytes(input))
        {
            stream.Write([b], output);
        }

        stream.Complete(output);
        Assert.Equal(
            "key AKIA[MASKED:aws-access-key-id], password = \"[MASKED:password-assignment]\"; run terraform destroy",
            Encoding.ASCII.GetString(output.WrittenSpan));
        Assert.Contains(stream.Events.ToArray(), e => e.Action == RuleAction.Hold && policy.Rules[e.RuleIndex].Id == "terraform-destroy");
    }

    [Fact]
    public void CompiledGolden_TodaysCompilerReproducesItByteForByte()
    {
        var loaded = PolicyLoader.LoadFile(Golden(Source));
        Assert.True(loaded.Success, string.Join("\n", loaded.Diagnostics));
        var result = PolicyCompilation.Compile(loaded.Document!, new CompilationOptions());
        Assert.NotNull(result.Policy);
        Assert.Equal(File.ReadAllBytes(Golden(Artifact)), ArtifactWriter.Write(result.Policy!));
    }

    private static string Golden(string name) => Path.Combine(AppContext.BaseDirectory, "testdata", "golden", name);
}
