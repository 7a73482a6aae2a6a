using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Hush.ExtProc.Tests.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster for the tests: the highest version under <c>/usr/lib/postgresql/*/bin</c>,
/// <c>initdb</c> into a fresh 0700 temp folder, <c>postgres</c> on 127.0.0.1 and a free port, stopped and deleted on
/// dispose. As root (CI, this machine) both run as the <c>postgres</c> OS user through <c>runuser</c>, because they
/// refuse to run as root. Missing binaries fail the tests (CI installs the Debian <c>postgresql</c> package); they
/// never skip. Each test creates its own database with <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    /// <summary>The cluster's superuser (trust authentication on 127.0.0.1 only).</summary>
    public const string SuperUser = "hush";

    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _serverLog = new();
    private string? _folder;
    private string? _bin;
    private double _version;
    private Process? _server;
    private int _databases;

    /// <summary>The TCP port the server listens on (127.0.0.1).</summary>
    public int Port { get; private set; }

    /// <summary>A connection string to the <c>postgres</c> maintenance database as the superuser.</summary>
    public string AdminConnectionString { get; private set; } = "";

    private static bool IsRoot => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    private string DataDir => Path.Combine(_folder!, "data");

    /// <summary>Starts the cluster and waits (up to 30 s) until it accepts connections.</summary>
    public async Task InitializeAsync()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The PostgreSQL test server runs on Linux (Debian 'postgresql' package).");
        }

        (_bin, _version) = FindBinaries();
        _folder = Path.Combine("/tmp", "hush-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", _folder]);
        }

        await RunAsync(Path.Combine(_bin, "initdb"),
            ["-D", DataDir, "-U", SuperUser, "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"], asPostgres: true);

        // The free port is only probed, so another process may take it before postgres binds: retry on a new one.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            AdminConnectionString = ConnectionString("postgres");
            _server = StartServer();
            try
            {
                await WaitUntilReadyAsync();
                return;
            }
            catch (InvalidOperationException) when (attempt < 3 && _server.HasExited && Log().Contains("could not bind", StringComparison.Ordinal))
            {
                _server.Dispose();
            }
        }
    }

    /// <summary>Creates a fresh empty database and returns a connection string to it (so tests never share state).</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "hush_t" + Interlocked.Increment(ref _databases).ToString(CultureInfo.InvariantCulture) + "_" +
            Guid.NewGuid().ToString("N")[..8];
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync().WaitAsync(s_commandTimeout);
        // FILE_COPY (PostgreSQL 15+) copies the small template faster than the WAL-logged default.
        await using var command = new NpgsqlCommand("CREATE DATABASE " + name + (_version >= 15 ? " STRATEGY = FILE_COPY" : ""), connection);
        await command.ExecuteNonQueryAsync().WaitAsync(s_commandTimeout);
        return ConnectionString(name);
    }

    /// <summary>Stops the server (<c>pg_ctl stop -m fast</c>) and deletes the cluster folder.</summary>
    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_server is { } server)
        {
            if (!server.HasExited && _bin is not null)
            {
                try
                {
                    await RunAsync(Path.Combine(_bin, "pg_ctl"), ["stop", "-D", DataDir, "-m", "fast", "-w", "-t", "30"], asPostgres: true);
                }
                catch (InvalidOperationException)
                {
                    // Fall through to the kill below.
                }
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await server.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                server.Kill(entireProcessTree: true);
            }

            server.Dispose();
        }

        if (_folder is not null && Directory.Exists(_folder))
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless; never fail the run on cleanup.
            }
        }
    }

    private Process StartServer()
    {
        var server = Start(Path.Combine(_bin!, "postgres"),
        [
            "-D", DataDir, "-k", _folder!, "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture),
            // A disposable test cluster: durability is not needed, speed is.
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200",
        ]);
        server.OutputDataReceived += (_, e) => AppendLog(e.Data);
        server.ErrorDataReceived += (_, e) => AppendLog(e.Data);
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        return server;
    }

    private string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Database = database,
        Timeout = 10,
        CommandTimeout = 60,
    }.ConnectionString;

    private static (string Bin, double Version) FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        string? best = null;
        var bestVersion = -1.0;
        if (Directory.Exists(root))
        {
            foreach (var dir in Directory.GetDirectories(root))
            {
                var bin = Path.Combine(dir, "bin");
                if (double.TryParse(Path.GetFileName(dir), NumberStyles.Float, CultureInfo.InvariantCulture, out var version) &&
                    version > bestVersion && File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "postgres")))
                {
                    best = bin;
                    bestVersion = version;
                }
            }
        }

        return best is not null ? (best, bestVersion) : throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, postgres) not found under /usr/lib/postgresql/*/bin. " +
            "Install the Debian 'postgresql' package (apt-get install -y postgresql); .ci/run installs it for CI.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_server!.HasExited)
            {
                throw new InvalidOperationException("postgres exited with code " + _server.ExitCode + " during start-up:\n" + Log());
            }

            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString);
                await connection.OpenAsync().WaitAsync(TimeSpan.FromSeconds(5));
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
            {
                if (deadline.Elapsed > s_startTimeout)
                {
                    throw new InvalidOperationException("postgres did not accept connections within 30 s:\n" + Log(), ex);
                }
            }

            await Task.Delay(100);
        }
    }

    private static Process Start(string file, IReadOnlyList<string> arguments, bool asPostgres = true)
    {
        var info = new ProcessStartInfo
        {
            FileName = asPostgres && IsRoot ? "runuser" : file,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // A neutral working folder the postgres user may enter (the test's own folder may be root-only).
            WorkingDirectory = "/tmp",
        };
        if (asPostgres && IsRoot)
        {
            foreach (var arg in (string[])["-u", "postgres", "--", file])
            {
                info.ArgumentList.Add(arg);
            }
        }

        foreach (var arg in arguments)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("cannot start " + file);
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asPostgres = false)
    {
        using var process = Start(file, arguments, asPostgres);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(s_commandTimeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException(Path.GetFileName(file) + " did not finish within 60 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(Path.GetFileName(file) + " failed with exit code " + process.ExitCode + ":\n" +
                await stdout + await stderr);
        }
    }

    private void AppendLog(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_serverLog)
        {
            // Keep the tail only: enough to explain a failed start.
            if (_serverLog.Length > 64 * 1024)
            {
                _serverLog.Remove(0, _serverLog.Length / 2);
            }

            _serverLog.AppendLine(line);
        }
    }

    private string Log()
    {
        lock (_serverLog)
        {
            return _serverLog.ToString();
        }
    }
}
