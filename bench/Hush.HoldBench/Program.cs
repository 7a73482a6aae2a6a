using System.Diagnostics;
using System.Globalization;
using System.Text;
using Grpc.Net.Client;
using Hush.ExtProc.Approvals;
using Hush.ExtProc.Audit;
using Hush.ExtProc.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Hush.HoldBench;

/// <summary>
/// Measures (1) what storing audit records costs an exchange at a fixed rate: the same server code with the SQLite
/// store and with a store that keeps nothing, interleaved in rounds in one process; (2) the approve-to-resume delay of
/// inline holds on one instance, and across two replicas over PostgreSQL when <c>--postgres</c> is given.
/// Usage: Hush.HoldBench --policy FILE [--rate 500] [--seconds 20] [--holds 200] [--postgres CONNSTRING] [--out FILE]
/// </summary>
internal static class Program
{
    private static readonly string[] s_secretAnswer =
        ["data: {\"choices\":[{\"delta\":{\"content\":\"key AKIAQ7XW\"}}]}\n\n", "data: {\"choices\":[{\"delta\":{\"content\":\"3MZK5TRV2HNB ok\"}}]}\n\ndata: [DONE]\n\n"];

    private static readonly string[] s_heldAnswer =
        ["data: {\"choices\":[{\"delta\":{\"content\":\"run: aws iam cre\"}}]}\n\n", "data: {\"choices\":[{\"delta\":{\"content\":\"ate-user --user-name bot\"}}]}\n\ndata: [DONE]\n\n"];

    private static async Task<int> Main(string[] args)
    {
        var policy = Arg(args, "--policy") ?? "out/default.hushpolicy";
        var rate = int.Parse(Arg(args, "--rate") ?? "500", CultureInfo.InvariantCulture);
        var seconds = int.Parse(Arg(args, "--seconds") ?? "20", CultureInfo.InvariantCulture);
        var holds = int.Parse(Arg(args, "--holds") ?? "200", CultureInfo.InvariantCulture);
        var postgres = Arg(args, "--postgres");
        var output = Arg(args, "--out");
        if (!File.Exists(policy))
        {
            await Console.Error.WriteLineAsync($"Hush.HoldBench: no policy artifact at {policy} (make policy)").ConfigureAwait(false);
            return 2;
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average at start {LoadAverage()}.").AppendLine();
        await AuditCostAsync(policy, rate, seconds, report).ConfigureAwait(false);
        await ResumeDelayAsync(policy, holds, null, report).ConfigureAwait(false);
        if (postgres is not null)
        {
            await ResumeDelayAsync(policy, holds, postgres, report).ConfigureAwait(false);
        }

        Console.WriteLine(report.ToString());
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, report.ToString()).ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task AuditCostAsync(string policy, int rate, int seconds, StringBuilder report)
    {
        var data = Directory.CreateTempSubdirectory("hush-holdbench-").FullName;
        var sqlite = await StartAsync(policy, [$"--Hush:Audit:DataFolder={data}"], null).ConfigureAwait(false);
        var discard = await StartAsync(policy, [$"--Hush:Audit:DataFolder={data}-discard"],
            s => s.AddSingleton<IAuditStore>(new DiscardingAuditStore())).ConfigureAwait(false);
        var samples = new Dictionary<string, List<double>> { ["sqlite"] = [], ["discard"] = [] };
        var servers = new Dictionary<string, (WebApplication App, GrpcChannel Channel)> { ["sqlite"] = sqlite, ["discard"] = discard };
        foreach (var (_, server) in servers)
        {
            await PaceAsync(server.Channel, rate, 2, []).ConfigureAwait(false); // warm-up
        }

        const int rounds = 4;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var name in round % 2 == 0 ? new[] { "sqlite", "discard" } : ["discard", "sqlite"])
            {
                await PaceAsync(servers[name].Channel, rate, Math.Max(1, seconds / rounds), samples[name]).ConfigureAwait(false);
            }
        }

        var writer = sqlite.App.Services.GetRequiredService<AuditWriter>();
        var store = sqlite.App.Services.GetRequiredService<IAuditStore>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (writer.Queued > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50).ConfigureAwait(false);
        }

        var verification = await store.VerifyAsync().ConfigureAwait(false);
        report.AppendLine(CultureInfo.InvariantCulture, $"### Audit write cost at {rate} exchanges/s ({seconds} s per store, {rounds} interleaved rounds)").AppendLine();
        report.AppendLine("| Store | exchanges | p50 ms | p99 ms | p99.9 ms |").AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (name, list) in samples)
        {
            list.Sort();
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {(name == "sqlite" ? "SQLite (WAL, batched)" : "keeps nothing (baseline)")} | {list.Count} | {Percentiles.Of(list, 50):0.000} | {Percentiles.Of(list, 99):0.000} | {Percentiles.Of(list, 99.9):0.000} |");
        }

        report.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"Added p99: {Percentiles.Of(samples["sqlite"], 99) - Percentiles.Of(samples["discard"], 99):0.000} ms. SQLite chain: {verification.RecordCount} records, intact {verification.Intact}, queue left {writer.Queued}.").AppendLine();
        foreach (var (_, server) in servers)
        {
            server.Channel.Dispose();
            await server.App.DisposeAsync().ConfigureAwait(false);
        }

        Directory.Delete(data, true);
    }

    private static async Task PaceAsync(GrpcChannel channel, int rate, int seconds, List<double> sink)
    {
        var total = rate * seconds;
        var tasks = new List<Task<TimeSpan>>(total);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait).ConfigureAwait(false);
            }

            tasks.Add(Exchange.RunAsync(channel, s_secretAnswer, CancellationToken.None));
        }

        foreach (var task in tasks)
        {
            sink.Add((await task.ConfigureAwait(false)).TotalMilliseconds);
        }
    }

    private static async Task ResumeDelayAsync(string policy, int holds, string? postgres, StringBuilder report)
    {
        var data = Directory.CreateTempSubdirectory("hush-holdbench-").FullName;
        string[] common = ["--Hush:Holds:InlineWindow=00:01:00", "--Hush:Holds:PollInterval=00:00:05", $"--Hush:Audit:DataFolder={data}"];
        string[] args = postgres is null ? common : [.. common, "--Hush:Storage=postgres", $"--Hush:Postgres:ConnectionString={postgres}"];
        var first = await StartAsync(policy, args, null).ConfigureAwait(false);
        var second = postgres is null ? first : await StartAsync(policy, args, null).ConfigureAwait(false);
        var decider = second.App.Services.GetRequiredService<ApprovalService>();
        var approver = new ApproverIdentity("bench-approver", null, ["security"]);
        var delays = new List<double>(holds);
        for (var i = 0; i < holds + 5; i++)
        {
            using var call = await Exchange.RaiseHoldAsync(first.Channel, s_heldAnswer, CancellationToken.None).ConfigureAwait(false);
            // The timer extension goes out just before the hold is stored: wait until the store has it.
            var pending = await decider.ListAsync(HoldStatus.Pending, 1).ConfigureAwait(false);
            while (pending.Count == 0)
            {
                await Task.Delay(1).ConfigureAwait(false);
                pending = await decider.ListAsync(HoldStatus.Pending, 1).ConfigureAwait(false);
            }

            var started = Stopwatch.GetTimestamp();
            var result = await decider.DecideAsync(pending[0].Id, approver, approve: true, "bench", null).ConfigureAwait(false);
            var final = await Exchange.FinalAnswerAsync(call, CancellationToken.None).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (result.Error != DecisionError.None || final.ResponseBody?.Response?.BodyMutation?.Body.IsEmpty != false)
            {
                throw new InvalidOperationException("a hold was not released after approval");
            }

            if (i >= 5)
            {
                delays.Add(elapsed); // the first five warm up
            }
        }

        delays.Sort();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"### Approve-to-resume delay, {(postgres is null ? "one instance (SQLite)" : "two replicas (PostgreSQL, LISTEN/NOTIFY)")}, {holds} inline holds").AppendLine();
        report.AppendLine("| p50 ms | p90 ms | p99 ms | max ms |").AppendLine("|---:|---:|---:|---:|");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {Percentiles.Of(delays, 50):0.00} | {Percentiles.Of(delays, 90):0.00} | {Percentiles.Of(delays, 99):0.00} | {delays[^1]:0.00} |").AppendLine();
        foreach (var server in postgres is null ? new[] { first } : [first, second])
        {
            server.Channel.Dispose();
            await server.App.DisposeAsync().ConfigureAwait(false);
        }

        Directory.Delete(data, true);
    }

    private static async Task<(WebApplication App, GrpcChannel Channel)> StartAsync(string policy, string[] extra, Action<IServiceCollection>? configure)
    {
        string[] args = ["--Hush:BindAddress=127.0.0.1", "--Hush:GrpcPort=0", "--Hush:AdminPort=0", $"--Hush:PolicyPath={Path.GetFullPath(policy)}",
            "--Logging:LogLevel:Default=Warning", .. extra];
        var app = HushServer.Build(args, configure);
        await app.StartAsync().ConfigureAwait(false);
        var ports = app.Services.GetRequiredService<ServerPorts>();
        return (app, GrpcChannel.ForAddress($"http://127.0.0.1:{ports.Grpc}"));
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
