using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hush.ExtProc.Tests.Sinks;

/// <summary>
/// A real HTTP endpoint (Kestrel on 127.0.0.1) that records every request and answers through a scripted
/// responder (200 by default). Used by the SIEM sink and the webhook notification tests.
/// </summary>
internal sealed class HttpTestReceiver : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();

    private HttpTestReceiver(WebApplication app, Func<int, HttpContext, Task>? respond)
    {
        _app = app;
        var count = 0;
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            _requests.Enqueue(new ReceivedRequest(context.Request.Path, context.Request.ContentType, headers, body.ToArray()));
            var index = Interlocked.Increment(ref count);
            if (respond is null)
            {
                context.Response.StatusCode = 200;
            }
            else
            {
                await respond(index, context);
            }
        });
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The base URL (<c>http://127.0.0.1:PORT/</c>).</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>Requests received so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    /// <summary>
    /// Starts a receiver on <paramref name="port"/> (0 = ephemeral). <paramref name="respond"/> gets the 1-based
    /// request number and writes the answer; the request is recorded before it runs.
    /// </summary>
    public static async Task<HttpTestReceiver> StartAsync(int port = 0, Func<int, HttpContext, Task>? respond = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var receiver = new HttpTestReceiver(builder.Build(), respond);
        await receiver._app.StartAsync().WaitAsync(StartTimeout);
        var address = receiver._app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Port = new Uri(address).Port;
        return receiver;
    }

    /// <summary>A loopback port that nothing listens on (bound once, then released).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Waits until at least <paramref name="count"/> requests arrived.</summary>
    public async Task WaitForAsync(int count, int timeoutSeconds = 20)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        while (_requests.Count < count)
        {
            await Task.Delay(20, cts.Token);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(StartTimeout);
        await _app.DisposeAsync();
    }
}
