using System.Runtime.InteropServices;

namespace Hush.ExtProcBench.Report;

/// <summary>Where and when a run happened: CPU, cores, memory, OS, runtime and load averages (from /proc).</summary>
internal static class MachineInfo
{
    /// <summary>The CPU model name, cores, memory, OS and .NET runtime on one line.</summary>
    public static string Describe()
    {
        var cpu = ReadField("/proc/cpuinfo", "model name") ?? "unknown CPU";
        var memory = ReadField("/proc/meminfo", "MemTotal") ?? "?";
        return $"{cpu}, {Environment.ProcessorCount} logical cores, {memory} RAM, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
    }

    /// <summary>The 1/5/15-minute load averages.</summary>
    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return parts.Length >= 3 ? $"{parts[0]} {parts[1]} {parts[2]}" : "?";
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static string? ReadField(string path, string key)
    {
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    var colon = line.IndexOf(':', StringComparison.Ordinal);
                    return colon < 0 ? null : line[(colon + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
            // Not Linux, or /proc not mounted: leave it out.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }

        return null;
    }
}
