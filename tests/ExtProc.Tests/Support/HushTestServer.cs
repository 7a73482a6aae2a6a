using Grpc.Net.Client;
using Hush.ExtProc.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Hush.ExtProc.Tests.Support;

/// <summary>A real Hush server on 127.0.0.1 ephemeral ports, with a gRPC channel (h2c) and an admin HTTP client.</summary>
internal sealed class HushTestServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private HushTestServer(WebApplication app, string folder)
    {
        App = app;
        Folder = folder;
        var ports = app.Services.GetRequiredService<ServerPorts>();
        GrpcAddress = new Uri($"http://127.0.0.1:{ports.Grpc}");
        AdminAddress = new Uri($"http://127.0.0.1:{ports.Admin}");
        Channel = GrpcChannel.ForAddress(GrpcAddress);
        Admin = new HttpClient { BaseAddress = AdminAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>The running application.</summary>
    public WebApplication App { get; }

    /// <summary>A temporary folder owned by this server (holds its policy file).</summary>
    public string Folder { get; }

    /// <summary>Path of the policy artifact the server watches.</summary>
    public string PolicyPath => Path.Combine(Folder, "policy.hushpolicy");

    /// <summary>ext_proc gRPC address (h2c).</summary>
    public Uri GrpcAddress { get; }

    /// <summary>Admin HTTP address.</summary>
    public Uri AdminAddress { get; }

    /// <summary>A channel to the gRPC port.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>A client of the admin port.</summary>
    public HttpClient Admin { get; }

    /// <summary>
    /// Starts a server whose policy file initially holds <paramref name="artifact"/> (none when null) with extra
    /// <c>--Hush:Key=Value</c> arguments.
    /// </summary>
    public static Task<HushTestServer> StartAsync(byte[]? artifact, params string[] extraArgs) => StartAsync(artifact, null, extraArgs);

    /// <summary>As above, with <paramref name="configureServices"/> applied to the server's services (test doubles, log capture).</summary>
    public static async Task<HushTestServer> StartAsync(byte[]? artifact, Action<IServiceCollection>? configureServices, params string[] extraArgs)
    {
        var folder = Directory.CreateTempSubdirectory("hush-server-").FullName;
        var policyPath = Path.Combine(folder, "policy.hushpolicy");
        if (artifact is not null)
        {
            await File.WriteAllBytesAsync(policyPath, artifact).WaitAsync(StartTimeout);
        }

        string[] args =
        [
            "--Hush:BindAddress=127.0.0.1", "--Hush:GrpcPort=0", "--Hush:AdminPort=0", $"--Hush:PolicyPath={policyPath}",
            "--Hush:PolicyPollInterval=00:00:00.200", "--Logging:LogLevel:Default=Warning",
            $"--Hush:Audit:DataFolder={Path.Combine(folder, "data")}", .. extraArgs,
        ];
        var app = HushServer.Build(args, configureServices);
        try
        {
            await app.StartAsync().WaitAsync(StartTimeout);
        }
        catch
        {
            await app.DisposeAsync();
            Directory.Delete(folder, recursive: true);
            throw;
        }

        return new HushTestServer(app, folder);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        Channel.Dispose();
        await App.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await App.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
