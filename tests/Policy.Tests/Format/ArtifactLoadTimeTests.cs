using System.Diagnostics;
using Hush.Policy.Format;
using Hush.PolicyCompiler.Emit;
using Xunit.Abstractions;

namespace Hush.Policy.Tests.Format;

/// <summary>Loads a gitleaks-sized synthetic artifact (221 rules × 500-state DFAs) and reports the time.</summary>
public sealed class ArtifactLoadTimeTests(ITestOutputHelper output)
{
    [Fact]
    public void GitleaksSizedArtifact_LoadsCorrectlyAndQuickly()
    {
        var policy = ArtifactTestPolicies.Synthetic(221, 500, 40, seed: 42);
        var bytes = ArtifactWriter.Write(policy);
        ArtifactReader.Read(bytes);

        const int runs = 5;
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            var loaded = ArtifactReader.Read(bytes);
            watch.Stop();
            best = watch.Elapsed < best ? watch.Elapsed : best;
            Assert.Equal(221, loaded.Rules.Count);
        }

        output.WriteLine($"artifact {bytes.Length / 1024.0 / 1024.0:F1} MiB, 221 rules x 500 states, "
            + $"best load of {runs}: {best.TotalMilliseconds:F1} ms");
        // The figure is reported, never asserted (timing targets live in the benchmarks).
        ArtifactAssert.Equal(policy, ArtifactReader.Read(bytes));
    }
}
