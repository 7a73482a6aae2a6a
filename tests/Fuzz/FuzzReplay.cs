using Hush.Fuzz.Targets;

namespace Hush.Fuzz;

/// <summary>Runs every file of a folder through a target in process (no AFL): the replay mode and the replay tests.</summary>
internal static class FuzzReplay
{
    /// <summary>Runs every file under <paramref name="folder"/> (recursively, in ordinal order of path).</summary>
    /// <param name="target">The target.</param>
    /// <param name="folder">The folder of inputs; a missing folder has no inputs.</param>
    /// <param name="ran">How many inputs ran.</param>
    /// <returns>The inputs that failed.</returns>
    public static List<ReplayFailure> RunFolder(IFuzzTarget target, string folder, out int ran)
    {
        ArgumentNullException.ThrowIfNull(target);
        var failures = new List<ReplayFailure>();
        ran = 0;
        if (!Directory.Exists(folder))
        {
            return failures;
        }

        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        foreach (var file in files)
        {
            ran++;
            if (RunOne(target, File.ReadAllBytes(file)) is { } error)
            {
                failures.Add(new ReplayFailure(Path.GetRelativePath(folder, file), error));
            }
        }

        return failures;
    }

    /// <summary>Runs one input as AFL would (truncated to the target's bound); returns the error, or null.</summary>
    public static string? RunOne(IFuzzTarget target, byte[] input)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            target.Run(input.AsSpan(0, Math.Min(input.Length, target.MaxInputLength)));
            return null;
        }
        catch (Exception e)
        {
            // Every exception is a finding here: the targets catch their allowed outcomes themselves.
            return $"{e.GetType().Name}: {e.Message}{Environment.NewLine}{e.StackTrace}";
        }
    }
}
