using Hush.ExtProc.Audit;
using Hush.ExtProc.Hosting;
using Hush.ExtProc.Policies;
using Microsoft.Extensions.Options;

namespace Hush.ExtProc;

/// <summary>Entry point of the Hush ext_proc server. Exit codes: 0 stopped, 2 invalid options, 3 no usable policy. <c>audit …</c> runs the audit admin command.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "audit")
        {
            return await AuditCommand.RunAsync(args[1..], Console.Out, Console.Error).ConfigureAwait(false);
        }

        WebApplication app;
        try
        {
            app = HushServer.Build(args);
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                await Console.Error.WriteLineAsync("hush: invalid option: " + failure).ConfigureAwait(false);
            }

            return 2;
        }

        try
        {
            await app.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (PolicyLoadException ex)
        {
            await Console.Error.WriteLineAsync("hush: " + ex.Message).ConfigureAwait(false);
            return 3;
        }
    }
}
