using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Hush.ExtProc.Tests.Support;

/// <summary>
/// A Hush server in its own OS process (<c>dotnet Hush.ExtProc.dll</c> from the test output), on 127.0.0.1
/// ephemeral ports read from its start-up log line. For tests that need two real replicas.
/// </summary>
internal sealed partial class HushProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly List<string> _output = [];

    private HushProcess(Process process, string folder)
    {
        _process = process;
        Folder = folder;
    }

    /// <summary>The process's working folder (its data folder lives here).</summary>
    public string Folder { get; }

    /// <summary>Admin HTTP address.</summary>
    public Uri AdminAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>ext_proc gRPC address.</summary>
    public Uri GrpcAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Everything the process printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>Starts the process with <paramref name="args"/> (ports and bind address are set here) and waits until it listens.</summary>
    public static async Task<HushProcess> StartAsync(string policyPath, params string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("hush-process-").FullName;
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Hush.ExtProc.dll"));
        foreach (var arg in (string[])["--Hush:BindAddress=127.0.0.1", "--Hush:GrpcPort=0", "--Hush:AdminPort=0", $"--Hush:PolicyPath={policyPath}",
                     $"--Hush:Audit:DataFolder={Path.Combine(folder, "data")}", "--Logging:LogLevel:Default=Warning",
                     "--Logging:LogLevel:Hush.ExtProc=Information", .. args])
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        var hush = new HushProcess(process, folder);
        var listening = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (hush._output)
            {
                hush._output.Add(e.Data);
            }

            var match = Listening().Match(e.Data);
            if (match.Success)
            {
                listening.TrySetResult(match);
            }
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var match = await listening.Task.WaitAsync(StartTimeout);
            hush.GrpcAddress = new Uri($"http://127.0.0.1:{match.Groups[1].Value}");
            hush.AdminAddress = new Uri($"http://127.0.0.1:{match.Groups[2].Value}");
        }
        catch (TimeoutException)
        {
            await hush.DisposeAsync();
            throw new InvalidOperationException("Hush did not start:\n" + hush.Output);
        }

        return hush;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().WaitAsync(StartTimeout);
        _process.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    [GeneratedRegex(@"Hush listening: ext_proc gRPC \(h2c\) on 127\.0\.0\.1:(\d+), admin HTTP on 127\.0\.0\.1:(\d+)")]
    private static partial Regex Listening();
}
