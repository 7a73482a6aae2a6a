using System.Runtime.InteropServices;

namespace Hush.Benchmarks.Profiling;

/// <summary>
/// CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>, nanosecond resolution): unlike the wall
/// clock it does not count time the thread spent waiting for a core another process held.
/// </summary>
internal static partial class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>The calling thread's CPU time so far; <see cref="TimeSpan.Zero"/> where the clock is unavailable.</summary>
    public static TimeSpan Now()
    {
        if (!OperatingSystem.IsLinux() || ClockGetTime(ClockThreadCpuTimeId, out var ts) != 0)
        {
            return TimeSpan.Zero;
        }

        return TimeSpan.FromTicks((ts.Seconds * TimeSpan.TicksPerSecond) + (ts.Nanoseconds / 100));
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec value);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
