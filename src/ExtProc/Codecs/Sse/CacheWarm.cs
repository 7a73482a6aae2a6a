using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using X86 = System.Runtime.Intrinsics.X86;

namespace Hush.ExtProc.Codecs.Sse;

/// <summary>Asks for the cache lines of per-body state up front, so their misses overlap instead of coming one by one.</summary>
internal static class CacheWarm
{
    // With fewer bodies processed on the thread since a body's last chunk, its state is likely still cached.
    private const long RecentCalls = 16;

    [ThreadStatic]
    private static long t_calls;

    /// <summary>
    /// Counts a call on this thread; true when more than a few other calls ran here since <paramref name="lastCall"/>
    /// (then updated), so the caller's state has likely left the cache and is worth prefetching.
    /// </summary>
    /// <remarks>A body moving to another thread compares counts of two threads: any answer is only a hint.</remarks>
    public static bool IsCold(ref long lastCall)
    {
        var now = ++t_calls;
        var cold = (ulong)(now - lastCall) > RecentCalls;
        lastCall = now;
        return cold;
    }

    /// <summary>Prefetches every 64-byte line of <paramref name="span"/> (at most <paramref name="maxBytes"/>).</summary>
    public static unsafe void Touch<T>(ReadOnlySpan<T> span, int maxBytes = 1024)
    {
        var end = Math.Min(span.Length * Unsafe.SizeOf<T>(), maxBytes);
        ref var first = ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(span));
        if (X86.Sse.IsSupported)
        {
            // An address gone stale because the GC moved the array only wastes the hint: a prefetch never faults.
            var p = (byte*)Unsafe.AsPointer(ref first);
            for (var i = 0; i < end; i += 64)
            {
                X86.Sse.Prefetch0(p + i);
            }

            return;
        }

        for (var i = 0; i < end; i += 64)
        {
            Volatile.Read(ref Unsafe.Add(ref first, i));
        }
    }
}
