using System.Net;

namespace Hush.MockLlm;

/// <summary>Parsed CLI arguments: <c>--listen HOST:PORT</c> (default 127.0.0.1:8080) and optional <c>--script FILE.json</c>.</summary>
/// <param name="Listen">Endpoint to bind.</param>
/// <param name="ScriptPath">Script file, or null for the built-in demo script.</param>
internal sealed record CommandLine(IPEndPoint Listen, string? ScriptPath)
{
    /// <summary>Usage text printed on bad arguments.</summary>
    public const string Usage = "usage: Hush.MockLlm [--listen 127.0.0.1:8080] [--script FILE.json]";

    /// <summary>Parses the arguments; <paramref name="error"/> explains the first problem.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out CommandLine? parsed, out string? error)
    {
        var listen = new IPEndPoint(IPAddress.Loopback, 8080);
        string? script = null;
        parsed = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is not ("--listen" or "--script"))
            {
                error = $"unknown argument '{name}'";
                return false;
            }

            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value";
                return false;
            }

            var value = args[++i];
            if (name == "--script")
            {
                script = value;
            }
            else if (!IPEndPoint.TryParse(value, out var endpoint) || endpoint.Port == 0 && !value.EndsWith(":0", StringComparison.Ordinal))
            {
                error = $"--listen expects IP:PORT (e.g. 0.0.0.0:8080), got '{value}'";
                return false;
            }
            else
            {
                listen = endpoint;
            }
        }

        parsed = new CommandLine(listen, script);
        error = null;
        return true;
    }
}
