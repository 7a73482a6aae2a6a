using System.CommandLine;
using Hush.PolicyCompiler.Compilation;
using Hush.PolicyCompiler.Emit;

namespace Hush.PolicyCompiler.Cli;

/// <summary><c>hushc compile</c> and <c>hushc check</c>.</summary>
internal static class CompileCommands
{
    /// <summary><c>hushc compile POLICY -o ARTIFACT [--max-states N]</c>.</summary>
    public static Command Compile(CliConsole console)
    {
        var policy = new Argument<string>("POLICY") { Description = "Policy YAML file." };
        var output = new Option<string>("--output", "-o") { Description = "Artifact file to write.", Required = true };
        var maxStates = MaxStatesOption();
        var command = new Command("compile", "Compile a policy into an artifact.") { policy, output, maxStates };
        command.SetAction(parse =>
        {
            var options = Options(parse.GetValue(maxStates));
            var result = PolicyInput.Compile(console, parse.GetRequiredValue(policy), options);
            if (result?.Policy is null)
            {
                return ExitCodes.PolicyFailure;
            }

            var bytes = ArtifactWriter.Write(result.Policy);
            var path = parse.GetRequiredValue(output);
            try
            {
                File.WriteAllBytes(path, bytes);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException(ExitCodes.IoError, $"cannot write {path}: {e.Message}");
            }

            console.Out.WriteLine($"{path}: {Summary(result)}, artifact {bytes.Length} bytes, sha256 of source {result.Policy.SourceSha256Hex}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary><c>hushc check POLICY [--max-states N]</c>: load and compile without writing anything.</summary>
    public static Command Check(CliConsole console)
    {
        var policy = new Argument<string>("POLICY") { Description = "Policy YAML file." };
        var maxStates = MaxStatesOption();
        var command = new Command("check", "Check a policy: schema, patterns and automaton budgets.") { policy, maxStates };
        command.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(policy);
            var result = PolicyInput.Compile(console, path, Options(parse.GetValue(maxStates)));
            if (result is null)
            {
                return ExitCodes.PolicyFailure;
            }

            console.Out.WriteLine($"{path}: ok: {Summary(result)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The shared <c>--max-states</c> option.</summary>
    public static Option<int> MaxStatesOption() => new("--max-states")
    {
        Description = "Largest DFA of one rule, in states, before it is relaxed.",
        DefaultValueFactory = _ => CompilationOptions.DefaultMaxStates,
    };

    /// <summary>Compilation options from the command line.</summary>
    public static CompilationOptions Options(int maxStates)
    {
        if (maxStates < 2)
        {
            throw new CliException(ExitCodes.Usage, $"--max-states must be at least 2, got {maxStates}");
        }

        return new CompilationOptions { MaxStates = maxStates };
    }

    private static string Summary(CompilationResult result)
    {
        int relaxed = 0, alwaysOn = 0;
        long states = 0, bytes = 0;
        foreach (var s in result.Stats)
        {
            relaxed += s.Exact ? 0 : 1;
            alwaysOn += s.AlwaysOn ? 1 : 0;
            states += s.DfaStates;
            bytes += s.TableBytes;
        }

        return $"{result.Stats.Count} rules ({relaxed} relaxed, {alwaysOn} always-on), {states} DFA states, {bytes} table bytes";
    }
}
