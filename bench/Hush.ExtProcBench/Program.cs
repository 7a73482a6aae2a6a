using Hush.ExtProcBench.Infrastructure;
using Hush.ExtProcBench.Load;
using Hush.ExtProcBench.Report;

namespace Hush.ExtProcBench;

/// <summary>
/// Entry point: starts a masking and a pass-through server as child processes, warms both up, measures memory
/// per idle stream, then runs every level against each, prints a markdown report and writes it to the results
/// file. Exit codes: 0 ran (targets are reported, not enforced), 1 a correctness check failed, 2 bad flags,
/// 3 the run could not complete.
/// </summary>
internal static class Program
{
    /// <summary>
    /// The load generator holds a read buffer per open stream while it waits for answers; with the shared ArrayPool's
    /// default of 32 arrays per size and core, 1,000 streams exhaust it and every message allocates ~8 KiB of
    /// garbage, whose GC pauses would show up as "added latency". Raising the limit must happen before the pool is
    /// first used, and is removed again from the server's environment (the server runs with its own defaults).
    /// </summary>
    internal const string ArrayPoolVariable = "DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION";

    private static async Task<int> Main(string[] args)
    {
        if (Environment.GetEnvironmentVariable(ArrayPoolVariable) is null)
        {
            Environment.SetEnvironmentVariable(ArrayPoolVariable, "4096");
        }

        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(BenchOptions.Usage);
            return 0;
        }

        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync("Hush.ExtProcBench: " + ex.Message + Environment.NewLine + BenchOptions.Usage).ConfigureAwait(false);
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        try
        {
            return await RunAsync(options, args, cancel.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or OperationCanceledException or HttpRequestException or IOException)
        {
            await Console.Error.WriteLineAsync("Hush.ExtProcBench: " + ex.Message).ConfigureAwait(false);
            return 3;
        }
    }

    private static async Task<int> RunAsync(BenchOptions options, string[] args, CancellationToken cancel)
    {
        var time = TimeProvider.System;
        var started = time.GetUtcNow();
        var t0 = time.GetTimestamp();
        var loadBefore = MachineInfo.LoadAverage();
        var root = RepoLocator.FindRoot();
        var serverDll = options.ServerDll ?? RepoLocator.DefaultServerDll(root);
        var policy = await PolicyArtifact.EnsureAsync(root, options.PolicyPath ?? RepoLocator.DefaultPolicy(root), serverDll, cancel).ConfigureAwait(false);
        Console.WriteLine($"repo {root}; server {serverDll}; policy {policy}; load average {loadBefore}");

        var scripts = BuildScripts(options);
        var servers = new List<(ServerProcess Server, ChannelSet Channels)>();
        var rounds = new List<LevelResult>();
        var idle = new List<IdleResult>();
        try
        {
            foreach (var kind in options.Processors)
            {
                var server = await ServerProcess.StartAsync(kind, serverDll, policy, root, options.ServerEnvironment, cancel).ConfigureAwait(false);
                var channels = new ChannelSet(server.GrpcPort, options.Connections, options.LeanClient, TimeProvider.System);
                servers.Add((server, channels));
                await channels.ConnectAsync(cancel).ConfigureAwait(false);
                Console.WriteLine($"{kind} server pid {server.Pid}, ext_proc 127.0.0.1:{server.GrpcPort}, admin :{server.AdminPort}");
            }

            var warmupStreams = Math.Min(100, options.Levels.Max());
            foreach (var (server, channels) in servers)
            {
                Console.WriteLine($"warm-up {server.Kind}: {warmupStreams} streams, {options.Warmup.TotalSeconds:F0} s");
                await LevelRunner.RunAsync(server, channels, warmupStreams, options.Warmup, options, scripts, cancel).ConfigureAwait(false);
            }

            var idleCpu = new Dictionary<ProcessorKind, double>();
            foreach (var (server, _) in servers)
            {
                idleCpu[server.Kind] = await IdleCpu.MeasureAsync(server, options.Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(5), cancel).ConfigureAwait(false);
                Console.WriteLine($"background CPU {server.Kind}: {idleCpu[server.Kind] * 1000:F1} ms/s with no stream open");
            }

            if (options.IdleStreams > 0)
            {
                foreach (var (server, channels) in servers)
                {
                    var result = await IdleMeasurement.RunAsync(server, channels, options.IdleStreams, cancel).ConfigureAwait(false);
                    idle.Add(result);
                    Console.WriteLine($"idle {server.Kind}: {result.Streams} streams, {result.WorkingSetPerStream / 1024:F2} KiB working set and {result.ManagedPerStream / 1024:F2} KiB managed per stream");
                }
            }

            for (var round = 1; round <= options.Rounds; round++)
            {
                foreach (var streams in options.Levels)
                {
                    foreach (var (server, channels) in servers)
                    {
                        Console.WriteLine($"{RoundText(round, options)}level {streams} streams, {server.Kind}: {options.Duration.TotalSeconds:F0} s (load average {MachineInfo.LoadAverage()})");
                        var result = await LevelRunner.RunAsync(server, channels, streams, options.Duration, options, scripts, cancel).ConfigureAwait(false);
                        result = result with { IdleCpuRate = idleCpu[server.Kind], Round = round };
                        rounds.Add(result);
                        Console.WriteLine($"  {result.MessagesPerSecond:N0} msg/s, server p99 {result.ServerP99Micros:N1} µs, added p99 {result.ClientP99Micros:N0} µs, first chunk p99 {result.FirstChunkP99Micros:N0} µs of {result.FirstChunkSamples}, CPU {result.CpuMillisPer1000:N2} ms/1k msg (server {result.CpuSeconds / result.WindowSeconds:P0} of a core, load generator {result.ClientCpuSeconds / result.WindowSeconds:P0}), send lag p99 {result.SendLagP99Micros:N0} µs, server GCs {result.ServerCollections} (gen2 {result.ServerGen2Collections}, pause {result.ServerGcPauseMillis:N0} ms), client GC pause {result.ClientGcPauseMillis:N0} ms ({result.ClientCollections} gen0/1/2, {result.ClientAllocatedBytes / Math.Max(1, result.ServerMessages):N0} B allocated per message), leaks {result.Leaks}, failed streams {result.StreamErrors}");
                        if (result.ServerErrors > 0)
                        {
                            Console.WriteLine($"  the server counted {result.ServerErrors} errors; its last lines:{Environment.NewLine}{server.Tail()}");
                        }
                    }
                }
            }
        }
        finally
        {
            foreach (var (server, channels) in servers)
            {
                channels.Dispose();
                await server.DisposeAsync().ConfigureAwait(false);
            }
        }

        var run = new RunInfo
        {
            Started = started,
            Elapsed = time.GetElapsedTime(t0),
            Machine = MachineInfo.Describe(),
            LoadBefore = loadBefore,
            LoadAfter = MachineInfo.LoadAverage(),
            Command = Command(args),
            ServerDll = Display(root, serverDll) + ServerEnvironmentText(options),
            Policy = Display(root, policy),
        };
        var levels = LevelSummary.CombineAll(rounds);
        var markdown = MarkdownReport.Render(run, options, levels, idle);
        Console.WriteLine();
        Console.WriteLine(markdown);
        if (options.WriteOutput)
        {
            var output = options.OutputPath ?? RepoLocator.DefaultOutput(root);
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            if (options.Append && File.Exists(output))
            {
                await File.AppendAllTextAsync(output, Environment.NewLine + markdown, cancel).ConfigureAwait(false);
            }
            else
            {
                await File.WriteAllTextAsync(output, markdown, cancel).ConfigureAwait(false);
            }

            Console.WriteLine("written to " + output);
        }

        var problems = 0L;
        foreach (var r in levels)
        {
            problems += r.Leaks + r.PassThroughViolations + r.ProtocolViolations;
        }

        return problems == 0 ? 0 : 1;
    }

    private static string RoundText(int round, BenchOptions options) =>
        options.Rounds == 1 ? "" : $"round {round}/{options.Rounds}, ";

    private static SseScript[] BuildScripts(BenchOptions options)
    {
        var rng = new Random(options.Seed);
        var scripts = new SseScript[64];
        for (var i = 0; i < scripts.Length; i++)
        {
            scripts[i] = options.EventChunks
                ? ScriptBuilder.BuildEventChunks(rng, options.MaxChunks, options.SecretEveryChunks)
                : ScriptBuilder.Build(rng, options.MaxChunks, options.MinChunkBytes, options.MaxChunkBytes, options.SecretEveryChunks);
        }

        return scripts;
    }

    private static string ServerEnvironmentText(BenchOptions options)
    {
        var text = "";
        foreach (var (name, value) in options.ServerEnvironment)
        {
            text += $" {name}={value}";
        }

        return text.Length == 0 ? "" : " with" + text;
    }

    private static string Display(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    private static string Command(string[] args) =>
        args.Length == 0 ? "make bench-extproc" : "make bench-extproc BENCH_EXTPROC_ARGS=\"" + string.Join(' ', args) + "\"";
}
