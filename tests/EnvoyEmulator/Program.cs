using Hush.EnvoyEmulator.Cli;

namespace Hush.EnvoyEmulator;

/// <summary>CLI: <c>front</c> (the emulated Envoy), <c>gen-key</c> and <c>mint-jwt</c> (test identities).</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync("usage: Hush.EnvoyEmulator " + FrontCommand.Usage + "\n       Hush.EnvoyEmulator " + KeyCommands.Usage.Replace("\n", "\n       Hush.EnvoyEmulator ", StringComparison.Ordinal)).ConfigureAwait(false);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Main already returned.
            }
        };
        try
        {
            var options = CliArguments.Parse(args.Skip(1));
            return args[0] switch
            {
                "front" => await FrontCommand.RunAsync(options, stop.Token).ConfigureAwait(false),
                "gen-key" => await KeyCommands.GenKeyAsync(options).ConfigureAwait(false),
                "mint-jwt" => await KeyCommands.MintAsync(options, TimeProvider.System).ConfigureAwait(false),
                _ => throw new ArgumentException($"unknown command '{args[0]}'"),
            };
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or IOException or System.Security.Cryptography.CryptographicException)
        {
            await Console.Error.WriteLineAsync("Hush.EnvoyEmulator: " + ex.Message).ConfigureAwait(false);
            return 2;
        }
    }
}
