using System.Text;
using Hush.Policy.Rules;
using Hush.PolicyCompiler.Compilation;
using Hush.PolicyCompiler.Policies;

namespace Hush.PolicyCompiler.Tests.Policies;

/// <summary>Helpers to load and compile policy text in tests.</summary>
internal static class PolicyText
{
    /// <summary>The header every test policy starts with.</summary>
    public const string Header = "version: 1\nname: test\npolicy_version: \"1\"\n";

    /// <summary>Loads YAML text as file <c>policy.yaml</c>.</summary>
    public static PolicyLoadResult Load(string yaml) => PolicyLoader.Load("policy.yaml", Encoding.UTF8.GetBytes(yaml));

    /// <summary>Loads text that must be valid.</summary>
    public static PolicyDocument LoadValid(string yaml)
    {
        var result = Load(yaml);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return result.Document!;
    }

    /// <summary>Loads and compiles text that must be valid.</summary>
    public static CompiledPolicy Compile(string yaml)
    {
        var result = PolicyCompilation.Compile(LoadValid(yaml), new CompilationOptions());
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return result.Policy!;
    }

    /// <summary>The diagnostics of loading and (if loading succeeded) compiling.</summary>
    public static IReadOnlyList<Diagnostic> Problems(string yaml, CompilationOptions? options = null)
    {
        var load = Load(yaml);
        if (!load.Success)
        {
            return load.Diagnostics;
        }

        return PolicyCompilation.Compile(load.Document!, options ?? new CompilationOptions()).Diagnostics;
    }

    /// <summary>The (1-based) line and column of the first occurrence of <paramref name="needle"/> in <paramref name="text"/>.</summary>
    public static SourcePosition Find(string text, string needle, int occurrence = 1)
    {
        var index = -1;
        for (var i = 0; i < occurrence; i++)
        {
            index = text.IndexOf(needle, index + 1, StringComparison.Ordinal);
            Assert.True(index >= 0, $"`{needle}` not in the text");
        }

        return new SourceText("x", text).PositionOf(index);
    }
}
