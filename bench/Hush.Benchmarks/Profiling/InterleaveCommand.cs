using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hush.Benchmarks.Rules;
using Hush.Benchmarks.Sse;
using Hush.ExtProc.Codecs;
using Hush.Policy.Matching;
using Hush.Policy.Rules;

namespace Hush.Benchmarks.Profiling;

/// <summary>
/// <c>interleave [--streams N] [--mode sse|raw|copy] [--seconds S] [--chunk-min B] [--chunk-max B]</c>: N bodies of
/// Chat Completions SSE open at once (the ext_proc load benchmark's text, cut anywhere into chunks of 50–500 bytes),
/// fed one chunk per body in turn on one thread, each body replaced by a new one when it ends. Prints thread CPU and
/// allocated bytes per chunk: against <c>--streams 1</c> it separates what many open bodies cost in caches from what
/// the codec costs per event, without the gRPC server around it.
/// </summary>
internal static class InterleaveCommand
{
    /// <summary>Runs the command; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        var streams = Option(args, "--streams") ?? 1000;
        var seconds = Option(args, "--seconds") ?? 10;
        var minChunk = Option(args, "--chunk-min") ?? 50;
        var maxChunk = Option(args, "--chunk-max") ?? 500;
        var at = Array.IndexOf(args, "--mode");
        var mode = at >= 0 && at + 1 < args.Length ? args[at + 1] : "sse";
        var matcher = new PolicyMatcher(PolicySet.Get("default").Policy, RuleDirection.Response);
        var sink = new CountingMatchSink();
        var rng = new Random(20261128);
        var bodies = new (byte[] Text, int[] Starts)[16];
        for (var i = 0; i < bodies.Length; i++)
        {
            bodies[i] = Build(rng, rng.Next(100, 401), minChunk, maxChunk);
        }

        var open = new Open[streams];
        for (var s = 0; s < streams; s++)
        {
            open[s] = new Open(bodies[s % bodies.Length], Create(mode, matcher, sink), rng.Next(50));
        }

        var writer = new ArrayBufferWriter<byte>(64 * 1024);
        for (var phase = 0; phase < 2; phase++)
        {
            var chunks = 0L;
            var bytes = 0L;
            var cpu = ThreadCpu.Now();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var gcs = GC.CollectionCount(0);
            var started = Stopwatch.GetTimestamp();
            var limit = phase == 0 ? 2.0 : seconds;
            while (Stopwatch.GetElapsedTime(started).TotalSeconds < limit)
            {
                for (var s = 0; s < open.Length; s++)
                {
                    ref var o = ref open[s];
                    var (text, starts) = o.Body;
                    var from = starts[o.Next];
                    var to = starts[o.Next + 1];
                    var final = o.Next + 2 == starts.Length;
                    writer.ResetWrittenCount();
                    if (o.Codec is null)
                    {
                        writer.Write(text.AsSpan(from, to - from));
                    }
                    else
                    {
                        o.Codec.Process(text.AsSpan(from, to - from), final, writer);
                    }

                    chunks++;
                    bytes += to - from;
                    o.Next++;
                    if (final)
                    {
                        o.Codec?.Dispose();
                        o = new Open(bodies[rng.Next(bodies.Length)], Create(mode, matcher, sink), 0);
                    }
                }
            }

            if (phase == 0)
            {
                var before = GC.GetTotalMemory(forceFullCollection: true);
                GC.KeepAlive(open);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"managed heap after warm-up: {before / 1024.0 / streams:F1} KiB per open stream"));
            }

            if (phase == 1)
            {
                var cpuNs = (ThreadCpu.Now() - cpu).TotalNanoseconds;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{mode}, {streams} streams: {chunks:N0} chunks, {cpuNs / chunks:F0} ns CPU per chunk, {bytes / (cpuNs / 1e9) / 1e6:F1} MB/s, {(double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / chunks:F1} B allocated per chunk, {GC.CollectionCount(0) - gcs} gen0 GCs, {sink.Count} matches"));
            }
        }

        return 0;
    }

    private static IBodyCodec? Create(string mode, PolicyMatcher matcher, IMatchSink sink) => mode switch
    {
        "sse" => BodyCodecs.Create("text/event-stream", matcher, sink, 1 << 20),
        "raw" => BodyCodecs.Create("text/plain", matcher, sink, 1 << 20),
        _ => null,
    };

    /// <summary>A body like the ext_proc load benchmark's: Chat Completions chunks with a fake key now and then.</summary>
    internal static (byte[] Text, int[] Starts) Build(Random rng, int chunks, int minBytes, int maxBytes)
    {
        var starts = new int[chunks + 1];
        for (var i = 0; i < chunks; i++)
        {
            starts[i + 1] = starts[i] + rng.Next(minBytes, maxBytes + 1);
        }

        var words = new[] { "the", "model", "returns", "a", "function", "that", "parses", "input", "and", "then", "writes", "output", "to", "disk" };
        var text = new StringBuilder(starts[chunks] + 512);
        var created = 1764288000L;
        while (text.Length < starts[chunks])
        {
            text.Append("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":")
                .Append(created.ToString(CultureInfo.InvariantCulture))
                .Append(",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"");
            for (var w = rng.Next(1, 4); w > 0; w--)
            {
                text.Append(' ').Append(words[rng.Next(words.Length)]);
            }

            if (rng.Next(60) == 0)
            {
                text.Append(" use AKIA");
                for (var k = 0; k < 16; k++)
                {
                    text.Append("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[rng.Next(32)]);
                }
            }

            text.Append("\"},\"finish_reason\":null}]}\n\n");
            created += rng.Next(2);
        }

        return (Encoding.ASCII.GetBytes(text.ToString(0, starts[chunks])), starts);
    }

    /// <summary>The integer value of option <paramref name="name"/>, or null when absent.</summary>
    internal static int? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : null;
    }

    private record struct Open((byte[] Text, int[] Starts) Body, IBodyCodec? Codec, int Next);
}
