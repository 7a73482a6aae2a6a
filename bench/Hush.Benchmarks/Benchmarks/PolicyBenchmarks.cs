using BenchmarkDotNet.Attributes;
using Hush.Benchmarks.Rules;
using Hush.Policy.Format;
using Hush.PolicyCompiler.Emit;
using Hush.PolicyCompiler.Policies;

namespace Hush.Benchmarks.Benchmarks;

/// <summary>Compile time (loaded document → compiled policy), artifact writing and artifact loading.</summary>
public class PolicyBenchmarks
{
    private PolicyDocument? _document;
    private byte[] _artifact = [];

    /// <summary>Rule set: <c>default</c> or <c>gitleaks</c>.</summary>
    [ParamsSource(nameof(PolicyNames))]
    public string Policy { get; set; } = "default";

    /// <summary>The rule sets benchmarked.</summary>
    public static IEnumerable<string> PolicyNames => PolicySet.Names;

    /// <summary>Loads and compiles once; the artifact is written for the load benchmark.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var set = PolicySet.Get(Policy);
        _document = set.Document;
        _artifact = ArtifactWriter.Write(set.Policy);
        Console.WriteLine($"// {Policy}: artifact {_artifact.Length} bytes, {set.Policy.Rules.Count} rules");
    }

    /// <summary>Compiles the policy (all cores, default options).</summary>
    [Benchmark(Description = "Compile (PolicyCompilation.Compile)")]
    public int Compile() => PolicySet.Compile(_document!).Policy!.Rules.Count;

    /// <summary>Serialises the compiled policy.</summary>
    [Benchmark(Description = "Write artifact")]
    public int WriteArtifact() => ArtifactWriter.Write(PolicySet.Get(Policy).Policy).Length;

    /// <summary>Reads and validates the artifact.</summary>
    [Benchmark(Description = "Load artifact (ArtifactReader.Read)")]
    public int LoadArtifact() => ArtifactReader.Read(_artifact).Rules.Count;
}
