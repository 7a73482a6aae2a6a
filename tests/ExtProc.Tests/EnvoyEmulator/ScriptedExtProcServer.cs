using System.Net;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hush.ExtProc.Tests.EnvoyEmulator;

/// <summary>A tiny ext_proc server on Kestrel h2c (127.0.0.1, ephemeral port) whose every call runs a test script.</summary>
internal sealed class ScriptedExtProcServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScriptedExtProcServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Channel = GrpcChannel.ForAddress(address);
    }

    /// <summary>The h2c address.</summary>
    public Uri Address { get; }

    /// <summary>A channel to the server.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>Starts a server that runs <paramref name="script"/> for each Process call.</summary>
    public static async Task<ScriptedExtProcServer> StartAsync(Func<ExtProcSession, Task> script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(new ScriptedProcessor(script));
        var app = builder.Build();
        app.MapGrpcService<ScriptedProcessor>();
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(20));
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ScriptedExtProcServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(20));
        await _app.DisposeAsync();
    }
}
