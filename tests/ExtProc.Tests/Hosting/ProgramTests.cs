using System.Diagnostics;

namespace Hush.ExtProc.Tests.Hosting;

/// <summary>The server binary as operators run it: exit codes and one clear message per start-up problem.</summary>
public sealed class ProgramTests
{
    [Fact]
    public async Task InvalidCommandLineOption_ExitCode2NamesTheSetting()
    {
        var (code, stderr) = await RunAsync(["--Hush:GrpcPort=70000", "--Hush:AdminPort=0"], []);
        Assert.Equal(2, code);
        Assert.Contains("invalid option: Hush:GrpcPort 70000 is outside 0..65535", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidEnvironmentOption_ExitCode2NamesTheSetting()
    {
        var (code, stderr) = await RunAsync(["--Hush:GrpcPort=0", "--Hush:AdminPort=0"], [("Hush__MaxHeldBackBytes", "5")]);
        Assert.Equal(2, code);
        Assert.Contains("Hush:MaxHeldBackBytes 5 is below 1024", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingPolicy_ExitCode3NamesTheFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"hush-missing-{Guid.NewGuid():N}.hushpolicy");
        var (code, stderr) = await RunAsync(
            ["--Hush:BindAddress=127.0.0.1", "--Hush:GrpcPort=0", "--Hush:AdminPort=0", $"--Hush:PolicyPath={missing}"], []);
        Assert.Equal(3, code);
        Assert.Contains($"policy artifact '{missing}' does not exist", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Stderr)> RunAsync(string[] args, (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Hush.ExtProc.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await stdout;
        return (process.ExitCode, await stderr);
    }
}
