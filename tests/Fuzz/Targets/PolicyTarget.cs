using Hush.Policy.Format;
using Hush.PolicyCompiler.Cli;
using Hush.PolicyCompiler.Compilation;
using Hush.PolicyCompiler.Emit;
using Hush.PolicyCompiler.Policies;

namespace Hush.Fuzz.Targets;

/// <summary>
/// <c>policy</c>: the input is a policy file taken through <c>hushc check</c> in memory (load against the strict
/// schema, compile every rule), then, when it compiles, written as an artifact, read back and its inline tests run.
/// </summary>
/// <remarks>
/// Allowed: diagnostics (<c>file:line:col: error</c> lines with a real position). Not allowed: any exception out of
/// the loader or compiler, an "internal compiler error" diagnostic (the compiler's catch-all for its own defects), a
/// compiled policy whose artifact does not read back, or an exception from the matcher running the inline tests.
/// Rules compile on one thread with a smaller state budget so one execution stays short.
/// </remarks>
internal sealed class PolicyTarget : IFuzzTarget
{
    private static readonly CompilationOptions s_options = new()
    {
        MaxStates = 1024,
        MaxNfaStates = 20_000,
        MaxDegreeOfParallelism = 1,
    };

    /// <inheritdoc />
    public string Name => "policy";

    /// <inheritdoc />
    public int MaxInputLength => 8192;

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        var loaded = PolicyLoader.Load("fuzz.yaml", input.ToArray());
        CheckDiagnostics(loaded.Diagnostics);
        if (!loaded.Success)
        {
            return;
        }

        var result = PolicyCompilation.Compile(loaded.Document!, s_options);
        CheckDiagnostics(result.Diagnostics);
        if (!result.Success)
        {
            return;
        }

        var artifact = ArtifactWriter.Write(result.Policy!);
        Hush.Policy.Rules.CompiledPolicy reread;
        try
        {
            reread = ArtifactReader.Read(artifact);
        }
        catch (ArtifactFormatException e)
        {
            throw new FuzzOracleException($"the artifact of a policy that compiled does not read back: {e.Message}");
        }

        _ = PolicyTestRunner.Run(reread, loaded.Document!.Tests);
    }

    private static void CheckDiagnostics(IReadOnlyList<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            if (d.Message.Contains("internal compiler error", StringComparison.Ordinal))
            {
                throw new FuzzOracleException(d.ToString());
            }

            if (d.Position.Line < 1 || d.Position.Column < 1)
            {
                throw new FuzzOracleException($"diagnostic without a position: {d}");
            }
        }
    }
}
