using System.Runtime.CompilerServices;
using Hush.Policy.Format;
using Hush.PolicyCompiler.Emit;

namespace Hush.Policy.Tests.Format;

/// <summary>
/// Committed artifacts prove today's reader loads yesterday's files. Regenerate (only on a deliberate format
/// change, with a version bump) with <c>HUSH_REGENERATE_GOLDEN=1 dotnet test tests/Policy.Tests/Hush.Policy.Tests.csproj
/// --filter "FullyQualifiedName~ArtifactGoldenTests"</c>; see tests/testdata/golden/README.md.
/// </summary>
public sealed class ArtifactGoldenTests
{
    private const string HandmadeFile = "handmade-v1.hushpolicy";

    [Fact]
    public void HandmadeGolden_LoadsAndEqualsModel()
    {
        RegenerateIfAsked();
        var loaded = ArtifactReader.ReadFile(OutputPath(HandmadeFile));
        ArtifactAssert.Equal(ArtifactTestPolicies.Handmade(), loaded);
    }

    [Fact]
    public void HandmadeGolden_WriterReproducesItByteForByte()
    {
        RegenerateIfAsked();
        var committed = File.ReadAllBytes(OutputPath(HandmadeFile));
        Assert.Equal(committed, ArtifactWriter.Write(ArtifactTestPolicies.Handmade()));
    }

    private static void RegenerateIfAsked()
    {
        if (Environment.GetEnvironmentVariable("HUSH_REGENERATE_GOLDEN") != "1")
        {
            return;
        }

        var bytes = ArtifactWriter.Write(ArtifactTestPolicies.Handmade());
        File.WriteAllBytes(Path.Combine(RepoRoot(), "tests", "testdata", "golden", HandmadeFile), bytes);
        Directory.CreateDirectory(Path.GetDirectoryName(OutputPath(HandmadeFile))!);
        File.WriteAllBytes(OutputPath(HandmadeFile), bytes);
    }

    private static string OutputPath(string name) => Path.Combine(AppContext.BaseDirectory, "testdata", "golden", name);

    /// <summary>The repository root: above the test binaries, the working directory, or this source file.</summary>
    private static string RepoRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Hush.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Hush.slnx not found above " + AppContext.BaseDirectory);
    }
}
