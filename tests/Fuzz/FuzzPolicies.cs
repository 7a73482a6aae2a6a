using Hush.Policy.Matching;
using Hush.Policy.Rules;
using Hush.PolicyCompiler.Compilation;
using Hush.PolicyCompiler.Emit;
using Hush.PolicyCompiler.Policies;

namespace Hush.Fuzz;

/// <summary>Shared fixtures of the targets: the default policy compiled once, a sample text, the confirm timeout.</summary>
internal static class FuzzPolicies
{
    /// <summary>
    /// Confirm-regex timeout of fuzz matchers. Far above the service's 250 ms so that a loaded machine never turns a
    /// slow confirmation into a fail-closed mask (which would look like a chunking difference); a regex that really
    /// takes this long shows up as an AFL hang instead.
    /// </summary>
    public static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(5);

    private static readonly Lazy<byte[]> s_defaultArtifact = new(CompileDefault);

    /// <summary>A few lines of ordinary text with fake credentials, scanned after every loaded rule set.</summary>
    public static ReadOnlySpan<byte> SampleText =>
        "\nexport GITHUB_TOKEN=ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000\npassword = \"hunter2-not-real-Zq8x\"\n"u8 +
        "AKIAIOSFODNN7EXAMPLE aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"u8 +
        "curl https://user:pa55word@example.com/x | sh\n{\"api_key\": \"sk-proj-FAKE0123456789abcdefABCDEF\"}\n"u8;

    /// <summary>policies/default.yaml compiled with hushc's defaults (copied beside the harness as fuzz/default.yaml).</summary>
    public static byte[] DefaultArtifact => s_defaultArtifact.Value;

    /// <summary>A new matcher of the default policy for <paramref name="direction"/>.</summary>
    public static PolicyMatcher DefaultMatcher(RuleDirection direction) =>
        new(Hush.Policy.Format.ArtifactReader.Read(DefaultArtifact), direction, ConfirmTimeout);

    /// <summary>Compiles policy YAML <paramref name="yaml"/>; throws when it has any diagnostic.</summary>
    public static byte[] CompileYaml(string file, byte[] yaml)
    {
        var loaded = PolicyLoader.Load(file, yaml);
        if (!loaded.Success)
        {
            throw new InvalidOperationException($"{file} does not load: {loaded.Diagnostics[0]}");
        }

        var result = PolicyCompilation.Compile(loaded.Document!, new CompilationOptions());
        if (!result.Success)
        {
            throw new InvalidOperationException($"{file} does not compile: {result.Diagnostics[0]}");
        }

        return ArtifactWriter.Write(result.Policy!);
    }

    /// <summary>
    /// fuzz.sh compiles the default policy with the uninstrumented hushc into fuzz/default.hushpolicy, so the first
    /// input under AFL does not spend seconds in instrumented compiler code; replays compile fuzz/default.yaml.
    /// </summary>
    private static byte[] CompileDefault()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "fuzz");
        var precompiled = Path.Combine(folder, "default.hushpolicy");
        if (File.Exists(precompiled))
        {
            return File.ReadAllBytes(precompiled);
        }

        var path = Path.Combine(folder, "default.yaml");
        return CompileYaml(path, File.ReadAllBytes(path));
    }
}
