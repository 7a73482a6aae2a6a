using System.CommandLine;
using Hush.Policy.Format;

namespace Hush.PolicyCompiler.Cli;

/// <summary>
/// The <c>hushc</c> command tree. <see cref="Run"/> is the whole program: it never throws and never prints a stack
/// trace; every problem is one line on standard error and an exit code from <see cref="ExitCodes"/>.
/// </summary>
internal static class HushCli
{
    /// <summary>Runs <c>hushc</c> with the given arguments and streams; returns the exit code.</summary>
    public static int Run(string[] args, Stream stdin, Stream stdout, TextWriter stderr)
    {
        using var console = new CliConsole(stdin, stdout, stderr);
        try
        {
            var root = BuildRoot(console);
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                foreach (var error in parse.Errors)
                {
                    console.Fail(error.Message);
                }

                console.Error.WriteLine("Run 'hushc --help' for usage.");
                return ExitCodes.Usage;
            }

            var configuration = new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
            };
            return parse.Invoke(configuration);
        }
        catch (CliException e)
        {
            console.Fail(e.Message);
            return e.ExitCode;
        }
        catch (ArtifactFormatException e)
        {
            console.Fail(e.Message);
            return ExitCodes.ArtifactInvalid;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Fail(e.Message);
            return ExitCodes.IoError;
        }
        catch (Exception e)
        {
            console.Fail($"internal error: {e.GetType().Name}: {e.Message}");
            return ExitCodes.PolicyFailure;
        }
    }

    /// <summary>Builds the command tree; commands write to <paramref name="console"/>.</summary>
    public static RootCommand BuildRoot(CliConsole console)
    {
        var root = new RootCommand("hushc: compiles Hush secret-masking policies and runs them.");
        root.Subcommands.Add(CompileCommands.Compile(console));
        root.Subcommands.Add(CompileCommands.Check(console));
        root.Subcommands.Add(TestCommand.Create(console));
        root.Subcommands.Add(ExplainCommand.Create(console));
        root.Subcommands.Add(ScanCommand.Create(console));
        root.Subcommands.Add(ImportCommand.Create(console));
        return root;
    }
}
