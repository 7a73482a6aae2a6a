using System.CommandLine;
using Hush.PolicyCompiler.Compilation;

namespace Hush.PolicyCompiler.Cli;

/// <summary><c>hushc test POLICY</c>: runs the policy's inline <c>tests:</c> through the compiled matcher.</summary>
internal static class TestCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliConsole console)
    {
        var policy = new Argument<string>("POLICY") { Description = "Policy YAML file." };
        var maxStates = CompileCommands.MaxStatesOption();
        var command = new Command("test", "Run the policy's tests: cases; prints a diff for each failure.") { policy, maxStates };
        command.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(policy);
            var options = CompileCommands.Options(parse.GetValue(maxStates));
            var document = PolicyInput.Load(console, path);
            if (document is null)
            {
                return ExitCodes.PolicyFailure;
            }

            var compiled = PolicyCompilation.Compile(document, options);
            PolicyInput.Print(console, compiled.Diagnostics);
            if (compiled.Policy is null)
            {
                return ExitCodes.PolicyFailure;
            }

            var results = PolicyTestRunner.Run(compiled.Policy, document.Tests);
            var failed = 0;
            foreach (var result in results)
            {
                if (result.Passed)
                {
                    continue;
                }

                failed++;
                var test = result.Case;
                console.Out.WriteLine($"FAIL {document.File}:{test.Position.Line}:{test.Position.Column}: {test.DisplayName}");
                if (test.ExpectHold is { } holds)
                {
                    console.Out.Write(UnifiedDiff.Create(HoldLine(holds), HoldLine(result.FiredHolds), "expected holds", "fired holds"));
                }
                else
                {
                    console.Out.Write(UnifiedDiff.Create(test.Expect ?? "", result.Actual));
                }
            }

            console.Out.WriteLine($"{results.Count - failed} passed, {failed} failed");
            return failed == 0 ? ExitCodes.Ok : ExitCodes.PolicyFailure;
        });
        return command;
    }

    private static string HoldLine(IReadOnlyList<string> ids) => "holds: " + (ids.Count == 0 ? "(none)" : string.Join(", ", ids));
}
