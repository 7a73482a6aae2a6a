using System.Diagnostics;
using System.Text.Json;
using Hush.ExtProc.Audit;

namespace Hush.ExtProc.Tests.Audit;

/// <summary><c>Hush.ExtProc audit verify|export</c> run as operators run it: the server binary as a child process.</summary>
public sealed class AuditCommandTests
{
    [Fact]
    public async Task Verify_IntactChain_ExitCode0()
    {
        await using var t = AuditTestStore.Create();
        var stored = await t.AppendSamplesAsync(5);
        var (code, stdout, _) = await RunAsync("audit", "verify", "--data", t.Folder);
        Assert.Equal(0, code);
        Assert.Contains("audit chain intact: 5 records from genesis; head 5 " + stored[^1].Hash, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_TamperedRow_ExitCode1NamesFirstBrokenRecord()
    {
        await using var t = AuditTestStore.Create();
        await t.AppendSamplesAsync(5);
        t.Sql("UPDATE audit_records SET model = 'gpt-5' WHERE seq = 3");
        var (code, stdout, _) = await RunAsync("audit", "verify", "--data", t.Folder);
        Assert.Equal(1, code);
        Assert.Contains("audit chain BROKEN at record 3: hash-mismatch", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_NoDatabaseOrBadUsage_ExitCode2()
    {
        var missing = Path.Combine(Path.GetTempPath(), "hush-audit-missing-" + Guid.NewGuid().ToString("N"));
        var (code, _, stderr) = await RunAsync("audit", "verify", "--data", missing);
        Assert.Equal(2, code);
        Assert.Contains("No audit database", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(missing));

        (code, _, stderr) = await RunAsync("audit", "frobnicate");
        Assert.Equal(2, code);
        Assert.Contains("usage: audit verify", stderr, StringComparison.Ordinal);

        (code, _, stderr) = await RunAsync("audit", "verify");
        Assert.Equal(2, code);
        Assert.Contains("give exactly one of --data <folder> and --postgres", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_Filters_JsonLinesToStdout()
    {
        await using var t = AuditTestStore.Create();
        var stored = await t.AppendSamplesAsync(8);
        var since = AuditCanonical.FormatTime(stored[2].Time);
        var (code, stdout, _) = await RunAsync("audit", "export", "--data", t.Folder, "--repository", "acme/api", "--since", since);
        Assert.Equal(0, code);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([3L, 5L, 7L], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("seq").GetInt64()));
        Assert.Equal(AuditCanonical.Form(stored[2], includeHash: true), lines[0]);

        (code, _, var stderr) = await RunAsync("audit", "export", "--data", t.Folder, "--verdict", "maybe");
        Assert.Equal(2, code);
        Assert.Contains("invalid value for --verdict", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_InProcess_SameExitCodes()
    {
        await using var t = AuditTestStore.Create();
        await t.AppendSamplesAsync(3);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(0, await AuditCommand.RunAsync(["verify", "--data", t.Folder], stdout, stderr).WaitAsync(AuditTestStore.Timeout));
        t.Sql("DELETE FROM audit_records WHERE seq = 2");
        Assert.Equal(1, await AuditCommand.RunAsync(["verify", "--data", t.Folder], stdout, stderr).WaitAsync(AuditTestStore.Timeout));
        Assert.Contains("BROKEN at record 2: sequence-gap", stdout.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await AuditCommand.RunAsync(["verify", "--data", t.Folder, "--subject", "x"], stdout, stderr).WaitAsync(AuditTestStore.Timeout));
    }

    [Fact]
    public async Task RunAsync_NotADatabase_ExitCode2()
    {
        var folder = Path.Combine(Path.GetTempPath(), "hush-audit-garbage-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, AuditOptions.DatabaseFileName), new string('x', 4096)).WaitAsync(AuditTestStore.Timeout);
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            Assert.Equal(2, await AuditCommand.RunAsync(["verify", "--data", folder], stdout, stderr).WaitAsync(AuditTestStore.Timeout));
            Assert.Contains("cannot open the audit database", stderr.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
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

        return (process.ExitCode, await stdout, await stderr);
    }
}
