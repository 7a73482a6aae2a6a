using System.CommandLine;
using Hush.PolicyCompiler.Import;

namespace Hush.PolicyCompiler.Cli;

/// <summary><c>hushc import --from gitleaks|noseyparker|kingfisher FILE... -o POLICY</c>.</summary>
internal static class ImportCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliConsole console)
    {
        var from = new Option<string>("--from") { Description = "Input format.", Required = true };
        from.AcceptOnlyFromAmong([.. RuleImporter.Formats]);
        var files = new Argument<string[]>("FILE") { Description = "Rule files to import.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "Policy YAML file to write.", Required = true };
        var command = new Command("import", "Convert public rule sets into a Hush policy.") { from, files, output };
        command.SetAction(parse =>
        {
            var inputs = parse.GetRequiredValue(files);
            foreach (var file in inputs)
            {
                if (!File.Exists(file))
                {
                    throw new CliException(ExitCodes.IoError, $"cannot read {file}: file not found");
                }
            }

            ImportResult result;
            try
            {
                result = RuleImporter.Import(parse.GetRequiredValue(from), inputs);
            }
            catch (RuleImportException e)
            {
                console.Error.WriteLine(e.Message);
                return ExitCodes.PolicyFailure;
            }

            foreach (var warning in result.Warnings)
            {
                console.Error.WriteLine($"hushc: warning: {warning}");
            }

            var path = parse.GetRequiredValue(output);
            try
            {
                File.WriteAllText(path, result.PolicyYaml, new System.Text.UTF8Encoding(false));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException(ExitCodes.IoError, $"cannot write {path}: {e.Message}");
            }

            console.Out.WriteLine($"{path}: written ({result.Warnings.Count} warning(s))");
            return ExitCodes.Ok;
        });
        return command;
    }
}
