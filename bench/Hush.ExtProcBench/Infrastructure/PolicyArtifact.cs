using System.Diagnostics;

namespace Hush.ExtProcBench.Infrastructure;

/// <summary>Makes sure the compiled policy the servers load exists, compiling <c>policies/default.yaml</c> when it does not.</summary>
internal static class PolicyArtifact
{
    /// <summary>
    /// Returns <paramref name="artifact"/> after compiling it with hushc if it is missing. hushc is looked for next
    /// to the server build (same artifacts folder) and in the repository's own artifacts.
    /// </summary>
    public static async Task<string> EnsureAsync(string root, string artifact, string serverDll, CancellationToken cancel)
    {
        if (File.Exists(artifact))
        {
            return artifact;
        }

        var hushc = FindHushc(root, serverDll)
            ?? throw new InvalidOperationException($"policy artifact '{artifact}' is missing and hushc.dll was not found; run 'make policy' first");
        Directory.CreateDirectory(Path.GetDirectoryName(artifact)!);
        Console.WriteLine($"compiling {artifact} with {hushc}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(hushc);
        start.ArgumentList.Add("compile");
        start.ArgumentList.Add(Path.Combine(root, "policies", "default.yaml"));
        start.ArgumentList.Add("-o");
        start.ArgumentList.Add(artifact);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet for hushc");
        var stdout = process.StandardOutput.ReadToEndAsync(cancel);
        var stderr = process.StandardError.ReadToEndAsync(cancel);
        await process.WaitForExitAsync(cancel).WaitAsync(TimeSpan.FromMinutes(2), cancel).ConfigureAwait(false);
        if (process.ExitCode != 0 || !File.Exists(artifact))
        {
            throw new InvalidOperationException($"hushc compile failed (exit {process.ExitCode}): {await stderr.ConfigureAwait(false)}{await stdout.ConfigureAwait(false)}");
        }

        return artifact;
    }

    private static string? FindHushc(string root, string serverDll)
    {
        // <artifacts>/bin/Hush.ExtProc/release/Hush.ExtProc.dll → <artifacts>/bin/Hush.PolicyCompiler/release/hushc.dll
        var serverBin = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(serverDll)));
        var candidates = new List<string>();
        if (serverBin is not null)
        {
            candidates.Add(Path.Combine(serverBin, "Hush.PolicyCompiler", "release", "hushc.dll"));
        }

        candidates.Add(Path.Combine(root, "artifacts", "bin", "Hush.PolicyCompiler", "release", "hushc.dll"));
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
