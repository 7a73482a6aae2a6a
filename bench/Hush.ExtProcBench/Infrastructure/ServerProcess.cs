using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Hush.ExtProcBench.Metrics;

namespace Hush.ExtProcBench.Infrastructure;

/// <summary>
/// One Hush server under test, run as a child process so its CPU time and memory are measured apart from the
/// load generator. Ports are picked free on 127.0.0.1; the admin port serves /readyz and /metrics.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const int TailLines = 40;
    private readonly Process _process;
    private readonly HttpClient _admin;
    private readonly Queue<string> _tail = new();
    private readonly Lock _tailLock = new();

    private ServerProcess(ProcessorKind kind, Process process, int grpcPort, int adminPort)
    {
        Kind = kind;
        _process = process;
        GrpcPort = grpcPort;
        AdminPort = adminPort;
        _admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>Masking or pass-through.</summary>
    public ProcessorKind Kind { get; }

    /// <summary>The ext_proc (h2c) port.</summary>
    public int GrpcPort { get; }

    /// <summary>The admin HTTP port.</summary>
    public int AdminPort { get; }

    /// <summary>Process id of the server.</summary>
    public int Pid => _process.Id;

    /// <summary>Starts the server in <paramref name="kind"/> configuration and waits until /readyz answers 200.</summary>
    public static async Task<ServerProcess> StartAsync(ProcessorKind kind, string serverDll, string policy, string root,
        IReadOnlyList<KeyValuePair<string, string>> environment, CancellationToken cancel)
    {
        if (!File.Exists(serverDll))
        {
            throw new InvalidOperationException($"server assembly '{serverDll}' not found; build it first (make build) or pass --server-dll");
        }

        var (grpcPort, adminPort) = FreePorts();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(serverDll);
        start.ArgumentList.Add(Setting("GrpcPort", grpcPort));
        start.ArgumentList.Add(Setting("AdminPort", adminPort));
        start.ArgumentList.Add("--Hush:BindAddress=127.0.0.1");
        start.ArgumentList.Add("--Hush:PolicyPath=" + policy);
        // The artifact does not change during a run; the watcher's polling would only add noise.
        start.ArgumentList.Add("--Hush:WatchPolicy=false");
        // Each server keeps its own audit trail, so the servers never contend for one SQLite file.
        start.ArgumentList.Add("--Hush:Audit:DataFolder=" + Directory.CreateTempSubdirectory("hush-bench-" + kind.ToString().ToLowerInvariant() + "-").FullName);
        if (kind == ProcessorKind.MaskingNoAuditBodies)
        {
            start.ArgumentList.Add("--Hush:Audit:MaxMaskedBytes=0");
        }

        if (kind == ProcessorKind.PassThrough)
        {
            start.ArgumentList.Add("--Hush:PassThrough=true");
            start.ArgumentList.Add("--Hush:AllowPassThrough=true");
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        // The load generator's own ArrayPool setting is not the server's: the server runs with runtime defaults.
        start.Environment.Remove(Program.ArrayPoolVariable);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet for the server");
        var server = new ServerProcess(kind, process, grpcPort, adminPort);
        process.OutputDataReceived += (_, e) => server.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => server.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitReadyAsync(TimeSpan.FromSeconds(60), cancel).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    /// <summary>CPU time (user + system) the server has used so far, read from /proc by the runtime.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Scrapes /metrics.</summary>
    public async Task<MetricsSnapshot> ScrapeAsync(CancellationToken cancel)
    {
        var text = await _admin.GetStringAsync("metrics", cancel).ConfigureAwait(false);
        return MetricsSnapshot.From(PrometheusText.Parse(text));
    }

    /// <summary>The last lines the server printed (for error messages).</summary>
    public string Tail()
    {
        lock (_tailLock)
        {
            return string.Join(Environment.NewLine, _tail);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancel)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(timeout.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (TimeProvider.System.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Kind} server exited with code {_process.ExitCode}:{Environment.NewLine}{Tail()}");
            }

            try
            {
                using var response = await _admin.GetAsync("readyz", cancel).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, cancel).ConfigureAwait(false);
        }

        throw new TimeoutException($"{Kind} server not ready after {timeout.TotalSeconds} s:{Environment.NewLine}{Tail()}");
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tailLock)
        {
            _tail.Enqueue(line);
            while (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }

    private static string Setting(string name, int value) =>
        string.Create(CultureInfo.InvariantCulture, $"--Hush:{name}={value}");

    private static (int Grpc, int Admin) FreePorts()
    {
        // Both listeners stay open until both ports are known, so the two picks differ.
        using var first = new TcpListener(IPAddress.Loopback, 0);
        using var second = new TcpListener(IPAddress.Loopback, 0);
        first.Start();
        second.Start();
        var ports = (((IPEndPoint)first.LocalEndpoint).Port, ((IPEndPoint)second.LocalEndpoint).Port);
        first.Stop();
        second.Stop();
        return ports;
    }
}
