using Hush.Policy.Format;
using Hush.Policy.Matching;
using Hush.Policy.Rules;
using Hush.Policy.Tests.Matching;
using Hush.PolicyCompiler.Emit;

namespace Hush.Policy.Tests.Corpus;

/// <summary>
/// Runs every corpus case through a policy that was written to an artifact and read back, so the matcher is
/// proven on what the ext_proc service actually loads, not only on the compiler's in-memory objects.
/// </summary>
public sealed class CorpusArtifactTests
{
    public static TheoryData<string> Cases => CorpusFile.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReloadedArtifact_MatchesExpectedOutputAtEveryChunking(string name)
    {
        var c = CorpusFile.Get(name);
        var compiled = TestPolicies.Compile(c.ToTestRules());
        var bytes = ArtifactWriter.Write(compiled);
        var reloaded = ArtifactReader.Read(bytes);
        Assert.Equal(bytes, ArtifactWriter.Write(reloaded));

        var matcher = new PolicyMatcher(reloaded, RuleDirection.Response);
        foreach (var chunking in CorpusTests.Chunkings(c.InputBytes.Length))
        {
            var (output, spans) = CorpusTests.Run(matcher, c.InputBytes, chunking);
            Assert.True(c.ExpectedOutputBytes.AsSpan().SequenceEqual(output), $"output differs for chunks [{string.Join(",", chunking)}]");
            Assert.Equal(c.Spans(), spans);
        }
    }
}
