using Hush.Policy.Format;
using Hush.Policy.Rules;
using Hush.PolicyCompiler.Emit;

namespace Hush.Policy.Tests.Format;

public sealed class ArtifactRoundTripTests
{
    [Fact]
    public void Handmade_RoundTripsFieldByField()
    {
        var policy = ArtifactTestPolicies.Handmade();
        var loaded = ArtifactReader.Read(ArtifactWriter.Write(policy));
        ArtifactAssert.Equal(policy, loaded);
    }

    [Fact]
    public void Handmade_RewriteIsByteIdentical()
    {
        var first = ArtifactWriter.Write(ArtifactTestPolicies.Handmade());
        var second = ArtifactWriter.Write(ArtifactReader.Read(first));
        Assert.Equal(first, second);
    }

    [Fact]
    public void Write_SameModelTwice_SameBytes()
    {
        var policy = ArtifactTestPolicies.Synthetic(5, 40, 30, seed: 7);
        Assert.Equal(ArtifactWriter.Write(policy), ArtifactWriter.Write(policy));
    }

    [Fact]
    public void SharedAutomaton_IsStoredOnceAndSharedOnLoad()
    {
        var policy = ArtifactTestPolicies.Handmade();
        var loaded = ArtifactReader.Read(ArtifactWriter.Write(policy));
        Assert.Same(loaded.Rules[0].Automaton, loaded.Rules[2].Automaton);
        Assert.NotSame(loaded.Rules[0].Automaton, loaded.Rules[1].Automaton);
    }

    [Fact]
    public void AlwaysOnPrefilter_LoadsAsAlwaysOn()
    {
        var loaded = ArtifactReader.Read(ArtifactWriter.Write(ArtifactTestPolicies.Handmade()));
        Assert.True(loaded.Rules[2].Prefilter.AlwaysOn);
        Assert.False(loaded.Rules[0].Prefilter.AlwaysOn);
    }

    [Fact]
    public void Synthetic_RoundTripsFieldByField()
    {
        var policy = ArtifactTestPolicies.Synthetic(12, 300, 70, seed: 3);
        var bytes = ArtifactWriter.Write(policy);
        ArtifactAssert.Equal(policy, ArtifactReader.Read(bytes));
        Assert.Equal(bytes, ArtifactWriter.Write(ArtifactReader.Read(bytes)));
    }

    [Fact]
    public void EmptyPolicy_RoundTrips()
    {
        var policy = new CompiledPolicy { Name = "", Version = "", SourceSha256 = new byte[32], Rules = [] };
        var loaded = ArtifactReader.Read(ArtifactWriter.Write(policy));
        ArtifactAssert.Equal(policy, loaded);
    }

    [Fact]
    public void Write_StartsWithMagicAndVersion()
    {
        var bytes = ArtifactWriter.Write(ArtifactTestPolicies.Handmade());
        Assert.Equal("HUSHPOL\0"u8.ToArray(), bytes[..8]);
        Assert.Equal(ArtifactFormat.Magic, BitConverter.ToUInt64(bytes, 0));
        Assert.Equal(1, bytes[8] | (bytes[9] << 8));
        Assert.Equal((ulong)bytes.Length, BitConverter.ToUInt64(bytes, 16));
    }

    [Fact]
    public void ReadFile_LoadsWrittenFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hush-artifact-{Guid.NewGuid():N}.hushpolicy");
        try
        {
            var policy = ArtifactTestPolicies.Handmade();
            File.WriteAllBytes(path, ArtifactWriter.Write(policy));
            ArtifactAssert.Equal(policy, ArtifactReader.ReadFile(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
