using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Envoy.Config.Core.V3;
using Envoy.Service.ExtProc.V3;
using Google.Protobuf;
using Hush.Benchmarks.Rules;
using Hush.ExtProc.Approvals;
using Hush.ExtProc.Audit;
using Hush.ExtProc.Hosting;
using Hush.ExtProc.Metrics;
using Hush.ExtProc.Policies;
using Hush.ExtProc.Processing;

namespace Hush.Benchmarks.Profiling;

/// <summary>
/// <c>processors [--streams N] [--mode sse|raw|pass] [--seconds S] [--audit-bytes B] [--no-holds] [--allocations]</c>: the ext_proc load
/// benchmark's traffic fed straight into N open <see cref="StreamProcessor"/>s on one thread (request and response
/// headers, then the SSE chunks of <see cref="InterleaveCommand"/>, one message per stream in turn; every answer
/// serialised as the gRPC server would; each exchange's audit record built and hashed at its end). Prints thread CPU
/// and allocation per message: the processor's share of the server's cost without sockets, HTTP/2 or thread hops,
/// so a change to it shows above the load benchmark's run-to-run noise. <c>--allocations</c> also lists the types
/// that make the garbage (sampled from the runtime's allocation events, which cost CPU: the timing is then not
/// comparable).
/// </summary>
internal static class ProcessorLoopCommand
{
    /// <summary>Runs the command; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        var streams = InterleaveCommand.Option(args, "--streams") ?? 1000;
        var seconds = InterleaveCommand.Option(args, "--seconds") ?? 10;
        var auditBytes = InterleaveCommand.Option(args, "--audit-bytes") ?? 65536;
        var at = Array.IndexOf(args, "--mode");
        var mode = at >= 0 && at + 1 < args.Length ? args[at + 1] : "sse";
        var options = new HushOptions { PassThrough = mode == "pass", AllowPassThrough = mode == "pass" };
        // As the server: holds on (a policy with hold rules keeps each streamed answer for a possible approver).
        var settings = new ProcessorSettings(options)
        {
            AuditBodyBytes = auditBytes,
            Holds = Array.IndexOf(args, "--no-holds") >= 0 ? null : new HoldSettings(new HoldOptions()),
        };
        var policy = new LoadedPolicy(PolicySet.Get("default").Policy, "bench", DateTimeOffset.UnixEpoch);
        var metrics = new HushMetrics(Prometheus.Metrics.NewCustomRegistry());
        var rng = new Random(20261128);
        var bodies = new ProcessingRequest[16][];
        for (var i = 0; i < bodies.Length; i++)
        {
            var (text, starts) = InterleaveCommand.Build(rng, rng.Next(100, 401), 50, 500);
            bodies[i] = new ProcessingRequest[starts.Length + 1];
            bodies[i][0] = Headers(request: true, mode);
            bodies[i][1] = Headers(request: false, mode);
            for (var c = 0; c + 1 < starts.Length; c++)
            {
                bodies[i][c + 2] = new ProcessingRequest
                {
                    ResponseBody = new HttpBody
                    {
                        Body = UnsafeByteOperations.UnsafeWrap(text.AsMemory(starts[c], starts[c + 1] - starts[c])),
                        EndOfStream = c + 2 == starts.Length,
                    },
                };
            }
        }

        var open = new (ProcessingRequest[] Script, StreamProcessor Processor, int Next)[streams];
        for (var s = 0; s < streams; s++)
        {
            open[s] = (bodies[s % bodies.Length], new StreamProcessor(policy, settings, TimeProvider.System, metrics), 0);
        }

        using var sampler = Array.IndexOf(args, "--allocations") >= 0 ? new AllocationSampler() : null;
        var wire = new ArrayBufferWriter<byte>(64 * 1024);
        long hashed = 0;
        for (var phase = 0; phase < 2; phase++)
        {
            var messages = 0L;
            var exchanges = 0L;
            var cpu = ThreadCpu.Now();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var collections = GC.CollectionCount(0);
            var paused = GC.GetTotalPauseDuration();
            var started = Stopwatch.GetTimestamp();
            var limit = phase == 0 ? 2.0 : seconds;
            if (sampler is not null)
            {
                sampler.Sampling = phase == 1;
            }

            while (Stopwatch.GetElapsedTime(started).TotalSeconds < limit)
            {
                for (var s = 0; s < open.Length; s++)
                {
                    ref var o = ref open[s];
                    var answers = o.Processor.Handle(o.Script[o.Next]);
                    wire.ResetWrittenCount();
                    for (var a = 0; a < answers.Count; a++)
                    {
                        answers[a].WriteTo(wire);
                    }

                    o.Processor.AnswersSent();

                    messages++;
                    if (++o.Next == o.Script.Length)
                    {
                        hashed += AuditCanonical.ComputeHash(o.Processor.BuildAuditRecord(false, TimeSpan.FromMilliseconds(1))).Length;
                        o.Processor.Dispose();
                        exchanges++;
                        o = (bodies[rng.Next(bodies.Length)], new StreamProcessor(policy, settings, TimeProvider.System, metrics), 0);
                    }
                }
            }

            if (phase == 1)
            {
                var cpuNs = (ThreadCpu.Now() - cpu).TotalNanoseconds;
                var gcs = GC.CollectionCount(0) - collections;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{mode}, {streams} streams, audit bodies up to {auditBytes} B: {messages:N0} messages ({exchanges:N0} exchanges), {cpuNs / messages:F0} ns CPU per message, {(double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / messages:F0} B allocated per message, {gcs} GCs pausing {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds / Math.Max(1, gcs):F2} ms each"));
            }
        }

        if (sampler is not null)
        {
            foreach (var (type, share) in sampler.Top(15))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {share,6:P1}  {type}"));
            }
        }

        GC.KeepAlive(hashed);
        return 0;
    }

    private static ProcessingRequest Headers(bool request, string mode)
    {
        var map = new HeaderMap();
        void Add(string key, string value) => map.Headers.Add(new HeaderValue { Key = key, RawValue = ByteString.CopyFromUtf8(value) });
        if (request)
        {
            Add(":method", "POST");
            Add(":path", "/v1/chat/completions");
            Add(":authority", "api.openai.com");
            Add("content-type", "application/json");
            return new ProcessingRequest { RequestHeaders = new HttpHeaders { Headers = map, EndOfStream = true } };
        }

        Add(":status", "200");
        Add("content-type", mode == "raw" ? "text/plain" : "text/event-stream");
        return new ProcessingRequest { ResponseHeaders = new HttpHeaders { Headers = map } };
    }
}
