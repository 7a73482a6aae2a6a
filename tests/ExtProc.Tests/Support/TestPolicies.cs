using System.Text;
using Hush.ExtProc.Policies;
using Hush.PolicyCompiler.Compilation;
using Hush.PolicyCompiler.Emit;


namespace Hush.ExtProc.Tests.Support;

/// <summary>Policies for the server tests: the golden artifact and small policies compiled on the spot.</summary>
internal static class TestPolicies
{
    /// <summary>Fake AWS key the golden policy masks (to <c>AKIA[MASKED:aws-access-key-id]</c>).</summary>
    public const string AwsKey = "AKIAQYLPMN5HFIQR7XYA";

    /// <summary>What <see cref="AwsKey"/> becomes.</summary>
    public const string AwsMasked = "AKIA[MASKED:aws-access-key-id]";

    private static readonly Lazy<byte[]> s_long = new(() => Compile("""
        version: 1
        name: long-hold
        policy_version: "7"
        rules:
          - id: long-block
            pattern: 'BEGINSECRET[a-z]{10,}ENDSECRET'
            max_length: 6100
        """));

    /// <summary>Path of the golden artifact (compiled from tests/testdata/golden/compiled-v1.yaml).</summary>
    public static string GoldenPath => Path.Combine(AppContext.BaseDirectory, "testdata", "golden", "compiled-v1.hushpolicy");

    /// <summary>The golden artifact's bytes.</summary>
    public static byte[] GoldenBytes => File.ReadAllBytes(GoldenPath);

    /// <summary>A policy with one rule that can hold back thousands of bytes.</summary>
    public static byte[] LongHoldBytes => [.. s_long.Value];

    /// <summary>Loads the golden policy as the server would.</summary>
    public static LoadedPolicy Golden() => Hush.ExtProc.Policies.PolicyLoader.Load(GoldenPath, TimeProvider.System);

    /// <summary>Loads <paramref name="artifact"/> through a temporary file, as the server would.</summary>
    public static LoadedPolicy FromBytes(byte[] artifact)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hush-test-{Guid.NewGuid():N}.hushpolicy");
        File.WriteAllBytes(path, artifact);
        try
        {
            return Hush.ExtProc.Policies.PolicyLoader.Load(path, TimeProvider.System);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Compiles a YAML policy to artifact bytes.</summary>
    public static byte[] Compile(string yaml)
    {
        var loaded = Hush.PolicyCompiler.Policies.PolicyLoader.Load("test.yaml", Encoding.UTF8.GetBytes(yaml));
        if (!loaded.Success)
        {
            throw new InvalidOperationException(string.Join("\n", loaded.Diagnostics));
        }

        var result = PolicyCompilation.Compile(loaded.Document!, new CompilationOptions());
        return ArtifactWriter.Write(result.Policy ?? throw new InvalidOperationException(string.Join("\n", result.Diagnostics)));
    }
}
