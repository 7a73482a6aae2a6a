using System.Globalization;

namespace Hush.ExtProcBench;

/// <summary>
/// Command-line settings of the load benchmark. Every knob has a default fit for the full run
/// (<c>make bench-extproc</c>); <c>--quick</c> shrinks the run to a smoke test (1 and 10 streams, 2 s).
/// </summary>
internal sealed class BenchOptions
{
    /// <summary>Concurrent stream counts measured, in order.</summary>
    public IReadOnlyList<int> Levels { get; private set; } = [1, 100, 1000];

    /// <summary>
    /// Times every level and processor is measured. Rounds run one after another (each round runs every level), so
    /// a busy spell on a shared machine lands in one round of a level, not in all of it; latency verdicts take the
    /// median round's p99.
    /// </summary>
    public int Rounds { get; private set; } = 3;

    /// <summary>Measured steady-state window per level, processor and round.</summary>
    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(20);

    /// <summary>Load run against each server before anything is measured, so the JIT has tiered up.</summary>
    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(5);

    /// <summary>Pause between "all streams open" and the start of the measured window.</summary>
    public TimeSpan Settle { get; private set; } = TimeSpan.FromSeconds(1);

    /// <summary>Streams opened (headers only) for the idle-memory measurement.</summary>
    public int IdleStreams { get; private set; } = 1000;

    /// <summary>HTTP/2 connections per server (Envoy opens one per worker thread).</summary>
    public int Connections { get; private set; } = 2;

    /// <summary>Shortest pause between two chunks of one stream, in milliseconds.</summary>
    public int MinIntervalMs { get; private set; } = 20;

    /// <summary>Longest pause between two chunks of one stream, in milliseconds.</summary>
    public int MaxIntervalMs { get; private set; } = 50;

    /// <summary>Fewest body chunks in one stream's life (streams end and are replaced during a level).</summary>
    public int MinChunks { get; private set; } = 100;

    /// <summary>Most body chunks in one stream's life.</summary>
    public int MaxChunks { get; private set; } = 400;

    /// <summary>Smallest body chunk in bytes.</summary>
    public int MinChunkBytes { get; private set; } = 50;

    /// <summary>Largest body chunk in bytes.</summary>
    public int MaxChunkBytes { get; private set; } = 500;

    /// <summary>
    /// Load streams use the lean h2c client (<c>--client h2</c>, the default): writes go straight to the socket and one
    /// thread per connection reads and timestamps answers, like Envoy's event loop; <c>--client grpc</c> uses
    /// Grpc.Net.Client, whose thread-pool hand-offs add to every measured round trip.
    /// </summary>
    public bool LeanClient { get; private set; } = true;

    /// <summary>
    /// Each chunk is one whole SSE event, as providers flush them, instead of random cuts of 50–500 B through the
    /// events (<c>--chunk-bytes</c> is then ignored).
    /// </summary>
    public bool EventChunks { get; private set; }

    /// <summary>A fake secret is planted about once per this many chunks.</summary>
    public int SecretEveryChunks { get; private set; } = 50;

    /// <summary>Most unanswered body chunks per stream (Envoy pipelines STREAMED chunks).</summary>
    public int Window { get; private set; } = 16;

    /// <summary>Chance that a chunk is followed at once by 1–3 more (a burst, as when several frames arrive together).</summary>
    public double BurstProbability { get; private set; } = 0.05;

    /// <summary>Seed of every random choice (scripts, chunk sizes, intervals).</summary>
    public int Seed { get; private set; } = 20261128;

    /// <summary>Server assembly to run as a child process; null means the repository's Release build.</summary>
    public string? ServerDll { get; private set; }

    /// <summary>Compiled policy artifact; null means <c>out/default.hushpolicy</c> (compiled when missing).</summary>
    public string? PolicyPath { get; private set; }

    /// <summary>Markdown results file; null means <c>bench/results/extproc.md</c> for full runs and none for quick runs.</summary>
    public string? OutputPath { get; private set; }

    /// <summary>Whether results are written to a file at all.</summary>
    public bool WriteOutput { get; private set; } = true;

    /// <summary>Extra environment variables for the server processes (experiments, e.g. GC or ArrayPool settings).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ServerEnvironment => _serverEnvironment;

    private readonly List<KeyValuePair<string, string>> _serverEnvironment = [];

    /// <summary>Append the report to the results file instead of replacing it (for a supplementary run).</summary>
    public bool Append { get; private set; }

    /// <summary>Heading of the report.</summary>
    public string Title { get; private set; } = "ext_proc load benchmark";

    /// <summary>Whether this is the quick smoke run.</summary>
    public bool Quick { get; private set; }

    /// <summary>Processors measured, each at every level.</summary>
    public IReadOnlyList<ProcessorKind> Processors { get; private set; } = [ProcessorKind.Masking, ProcessorKind.PassThrough, ProcessorKind.MaskingRaw, ProcessorKind.MaskingNoAuditBodies];

    /// <summary>The usage text printed by <c>--help</c> and after a bad flag.</summary>
    public const string Usage = """
        usage: Hush.ExtProcBench [flags]
          --quick                 smoke run: levels 1,10; one round of 2 s; 1 s warm-up; 100 idle streams; no results file
          --levels 1,100,1000     concurrent streams per level
          --rounds 3              measure every level and processor this many times, round after round (verdicts: median round)
          --duration 20           measured seconds per level, processor and round
          --warmup 5              warm-up seconds per server (100 streams)
          --settle 1              seconds between all streams open and the measured window
          --idle-streams 1000     streams held open (headers only) for the memory-per-stream figure (0 skips)
          --connections 2         HTTP/2 connections per server
          --interval-ms 20-50     pause between chunks of a stream (uniform range)
          --chunks 100-400        body chunks per stream life (streams are replaced when they end)
          --chunk-bytes 50-500    body chunk size range (cuts fall anywhere in the events)
          --event-chunks          one whole SSE event per chunk instead (how providers flush)
          --client h2             load streams over the lean h2c client (h2, like Envoy's event loop) or Grpc.Net.Client (grpc)
          --secret-every 50       plant a fake secret about once per N chunks
          --window 16             most unanswered chunks per stream (pipelining)
          --burst 0.05            chance of a back-to-back burst of 2-4 chunks
          --seed N                random seed
          --processors masking,passthrough,masking-raw,masking-nobodies
          --server-dll PATH       default <repo>/artifacts/bin/Hush.ExtProc/release/Hush.ExtProc.dll
          --policy PATH           default <repo>/out/default.hushpolicy (compiled with hushc when missing)
          --output PATH           default bench/results/extproc.md (full runs); --no-output writes nothing
          --server-env NAME=VALUE extra environment variable for the servers (repeatable; reported)
          --append                append the report to the results file instead of replacing it
          --title TEXT            heading of the report
        """;

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with a clear message on a bad flag.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? inline = null;
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                inline = arg[(eq + 1)..];
                arg = arg[..eq];
            }

            string Next()
            {
                if (inline is not null)
                {
                    return inline;
                }

                if (i + 1 >= args.Count)
                {
                    throw new ArgumentException($"{arg} needs a value");
                }

                return args[++i];
            }

            switch (arg)
            {
                case "--quick":
                    options.ApplyQuick();
                    break;
                case "--levels":
                    options.Levels = ParseList(arg, Next());
                    break;
                case "--rounds":
                    options.Rounds = Int(arg, Next(), 1);
                    break;
                case "--duration":
                    options.Duration = Seconds(arg, Next());
                    break;
                case "--warmup":
                    options.Warmup = Seconds(arg, Next());
                    break;
                case "--settle":
                    options.Settle = Seconds(arg, Next());
                    break;
                case "--idle-streams":
                    options.IdleStreams = Int(arg, Next(), 0);
                    break;
                case "--connections":
                    options.Connections = Int(arg, Next(), 1);
                    break;
                case "--interval-ms":
                    (options.MinIntervalMs, options.MaxIntervalMs) = Range(arg, Next(), 0);
                    break;
                case "--chunks":
                    (options.MinChunks, options.MaxChunks) = Range(arg, Next(), 1);
                    break;
                case "--client":
                    options.LeanClient = Next() switch
                    {
                        "h2" => true,
                        "grpc" => false,
                        var other => throw new ArgumentException($"{arg}: unknown client '{other}' (grpc, h2)"),
                    };
                    break;
                case "--event-chunks":
                    options.EventChunks = true;
                    break;
                case "--chunk-bytes":
                    (options.MinChunkBytes, options.MaxChunkBytes) = Range(arg, Next(), 1);
                    break;
                case "--secret-every":
                    options.SecretEveryChunks = Int(arg, Next(), 1);
                    break;
                case "--window":
                    options.Window = Int(arg, Next(), 1);
                    break;
                case "--burst":
                    options.BurstProbability = Probability(arg, Next());
                    break;
                case "--seed":
                    options.Seed = Int(arg, Next(), int.MinValue);
                    break;
                case "--processors":
                    options.Processors = ParseProcessors(arg, Next());
                    break;
                case "--server-dll":
                    options.ServerDll = Path.GetFullPath(Next());
                    break;
                case "--policy":
                    options.PolicyPath = Path.GetFullPath(Next());
                    break;
                case "--output":
                    options.OutputPath = Path.GetFullPath(Next());
                    options.WriteOutput = true;
                    break;
                case "--server-env":
                    var pair = Next();
                    var split = pair.IndexOf('=', StringComparison.Ordinal);
                    if (split <= 0)
                    {
                        throw new ArgumentException($"{arg}: '{pair}' is not NAME=VALUE");
                    }

                    options._serverEnvironment.Add(new(pair[..split], pair[(split + 1)..]));
                    break;
                case "--append":
                    options.Append = true;
                    break;
                case "--title":
                    options.Title = Next();
                    break;
                case "--no-output":
                    options.WriteOutput = false;
                    break;
                default:
                    throw new ArgumentException($"unknown flag '{args[i]}'");
            }
        }

        return options;
    }

    private void ApplyQuick()
    {
        Quick = true;
        Levels = [1, 10];
        Rounds = 1;
        Duration = TimeSpan.FromSeconds(2);
        Warmup = TimeSpan.FromSeconds(1);
        Settle = TimeSpan.FromMilliseconds(200);
        IdleStreams = 100;
        MinChunks = 20;
        MaxChunks = 80;
        if (OutputPath is null)
        {
            WriteOutput = false;
        }
    }

    private static int Int(string flag, string text, int min)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            throw new ArgumentException($"{flag}: '{text}' is not an integer >= {min}");
        }

        return value;
    }

    private static TimeSpan Seconds(string flag, string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0 || value > 3600)
        {
            throw new ArgumentException($"{flag}: '{text}' is not a number of seconds in (0, 3600]");
        }

        return TimeSpan.FromSeconds(value);
    }

    private static double Probability(string flag, string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value is < 0 or > 1)
        {
            throw new ArgumentException($"{flag}: '{text}' is not a probability in [0, 1]");
        }

        return value;
    }

    private static (int Min, int Max) Range(string flag, string text, int min)
    {
        var dash = text.IndexOf('-', 1);
        var low = Int(flag, dash < 0 ? text : text[..dash], min);
        var high = dash < 0 ? low : Int(flag, text[(dash + 1)..], min);
        if (high < low)
        {
            throw new ArgumentException($"{flag}: '{text}' has its maximum below its minimum");
        }

        return (low, high);
    }

    private static int[] ParseList(string flag, string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            throw new ArgumentException($"{flag}: empty list");
        }

        var values = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            values[i] = Int(flag, parts[i], 1);
        }

        return values;
    }

    private static ProcessorKind[] ParseProcessors(string flag, string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var kinds = new List<ProcessorKind>();
        foreach (var part in parts)
        {
            kinds.Add(part.ToLowerInvariant() switch
            {
                "masking" => ProcessorKind.Masking,
                "passthrough" or "pass-through" => ProcessorKind.PassThrough,
                "masking-raw" => ProcessorKind.MaskingRaw,
                "masking-nobodies" => ProcessorKind.MaskingNoAuditBodies,
                _ => throw new ArgumentException($"{flag}: unknown processor '{part}' (masking, passthrough, masking-raw, masking-nobodies)"),
            });
        }

        if (kinds.Count == 0)
        {
            throw new ArgumentException($"{flag}: empty list");
        }

        return [.. kinds];
    }
}
