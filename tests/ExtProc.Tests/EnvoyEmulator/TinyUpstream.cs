using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hush.ExtProc.Tests.EnvoyEmulator;

/// <summary>A minimal upstream on 127.0.0.1:0: POST /v1/stream answers three SSE events, flushed one by one.</summary>
internal sealed class TinyUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TinyUpstream(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Authorization header values the upstream saw (empty string when absent).</summary>
    public ConcurrentQueue<string> Authorizations { get; } = new();

    /// <summary>Request bodies the upstream saw.</summary>
    public ConcurrentQueue<string> Bodies { get; } = new();

    public static async Task<TinyUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        TinyUpstream? self = null;
        app.MapPost("/v1/stream", async (HttpContext ctx) =>
        {
            self!.Authorizations.Enqueue(ctx.Request.Headers.Authorization.ToString());
            using var reader = new StreamReader(ctx.Request.Body);
            self.Bodies.Enqueue(await reader.ReadToEndAsync(ctx.RequestAborted));
            ctx.Response.ContentType = "text/event-stream";
            foreach (var piece in new[] { "data: one\n\n", "data: sk-fake-secret\n\n", "data: [DONE]\n\n" })
            {
                await ctx.Response.WriteAsync(piece, ctx.RequestAborted);
                await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            }
        });
        app.MapGet("/health", () => "ok");
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(20));
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new TinyUpstream(app, new Uri(address));
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(20));
        await _app.DisposeAsync();
    }
}
