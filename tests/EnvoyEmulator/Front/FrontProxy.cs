using Grpc.Net.Client;
using Hush.EnvoyEmulator.Filter;
using Hush.EnvoyEmulator.JwtAuthn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hush.EnvoyEmulator.Front;

/// <summary>
/// A running emulated Envoy: Kestrel listener → jwt_authn → ext_proc → router (HttpClient to the upstream),
/// streaming both directions without buffering so SSE flows chunk by chunk.
/// </summary>
public sealed class FrontProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GrpcChannel _channel;
    private readonly HttpClient _upstream;

    private FrontProxy(WebApplication app, GrpcChannel channel, HttpClient upstream, Uri address, ExtProcCounters counters)
    {
        _app = app;
        _channel = channel;
        _upstream = upstream;
        Address = address;
        Counters = counters;
    }

    /// <summary>The bound listener address (http://127.0.0.1:port/).</summary>
    public Uri Address { get; }

    /// <summary>ext_proc stats aggregated over every stream of this front.</summary>
    public ExtProcCounters Counters { get; }

    /// <summary>Starts the front and returns once it listens.</summary>
    public static async Task<FrontProxy> StartAsync(FrontProxyOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ExtProcConfigValidator.EnsureValid(options.Filter);
        var channel = GrpcChannel.ForAddress(options.ExtProc, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, UseProxy = false },
        });
        var upstream = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        })
        { Timeout = Timeout.InfiniteTimeSpan };

        var counters = new ExtProcCounters();
        var jwt = options.Jwt is null ? null : new JwtAuthnFilter(options.Jwt, options.Time);
        var handler = new FrontRequestHandler(options, channel, upstream, jwt, counters);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;

            // h2c connections look like TLS to Kestrel (see H2cPriorKnowledge); requests still say :scheme http.
            k.AllowAlternateSchemes = true;
            k.Limits.MaxRequestBodySize = null;
            k.Listen(options.Listen, o =>
            {
                o.Protocols = HttpProtocols.Http1AndHttp2;
                o.Use(H2cPriorKnowledge.Middleware);
            });
        });
        var app = builder.Build();
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FrontProxy(app, channel, upstream, new Uri(bound), counters);
    }

    /// <summary>Blocks until the front stops.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _channel.Dispose();
        _upstream.Dispose();
    }

    /// <summary>Writes a local reply (jwt_authn 401 or an ext_proc local reply) if the response has not started.</summary>
    internal static async Task WriteLocalReplyAsync(HttpContext context, LocalReply reply)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = reply.Status;
        foreach (var (key, value) in reply.Headers.Entries)
        {
            if (key == "content-length")
            {
                context.Response.ContentLength = reply.Body.Length;
            }
            else if (!key.StartsWith(':'))
            {
                context.Response.Headers.Append(key, value);
            }
        }

        await context.Response.Body.WriteAsync(reply.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
