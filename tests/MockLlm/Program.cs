using System.Text.Json;

namespace Hush.MockLlm;

/// <summary>CLI: <c>Hush.MockLlm --listen 127.0.0.1:8080 [--script FILE.json]</c>; runs until Ctrl-C or SIGTERM.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (!CommandLine.TryParse(args, out var command, out var error) || command is null)
        {
            await Console.Error.WriteLineAsync($"Hush.MockLlm: {error}\n{CommandLine.Usage}").ConfigureAwait(false);
            return 2;
        }

        MockLlmOptions options;
        try
        {
            options = command.ScriptPath is null
                ? new MockLlmOptions { Listen = command.Listen }
                : MockScriptFile.Load(command.ScriptPath).ToOptions(command.Listen);
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"Hush.MockLlm: cannot read script file '{command.ScriptPath}': {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM,
            context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });

        await using var server = await MockLlmServer.StartAsync(options, stop.Token).ConfigureAwait(false);
        await Console.Out.WriteLineAsync($"Hush.MockLlm listening on {command.Listen} (POST /v1/chat/completions, /v1/responses, /v1/messages; GET /healthz)").ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Normal shutdown.
        }

        return 0;
    }
}
