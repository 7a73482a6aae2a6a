using System.Collections.Concurrent;
using System.Net;
using Hush.MockLlm.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hush.MockLlm;

/// <summary>
/// A running mock LLM provider: OpenAI <c>/v1/chat/completions</c> and <c>/v1/responses</c>, Anthropic
/// <c>/v1/messages</c>, streamed or not, answering per <see cref="MockScript"/> and recording every request and
/// every write. Dispose to stop.
/// </summary>
public sealed class MockLlmServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<RecordedResponse> _responses = new();

    private MockLlmServer(WebApplication app, MockScriptRegistry scripts)
    {
        _app = app;
        Scripts = scripts;
        BaseAddress = new Uri("http://127.0.0.1/");
    }

    /// <summary>Base address of the server, e.g. <c>http://127.0.0.1:41234/</c> (the bound port when port 0 was asked).</summary>
    public Uri BaseAddress { get; private set; }

    /// <summary>The scripts; change them while the server runs.</summary>
    public MockScriptRegistry Scripts { get; }

    /// <summary>Every request received so far, in arrival order (a snapshot).</summary>
    public IReadOnlyList<RecordedRequest> ReceivedRequests => _requests.ToArray();

    /// <summary>Every completed response so far, in completion order (a snapshot), with each flushed write.</summary>
    public IReadOnlyList<RecordedResponse> SentResponses => _responses.ToArray();

    /// <summary>Whether any received request carried <paramref name="value"/> in a header or its body.</summary>
    public bool EverReceived(string value)
    {
        foreach (var request in _requests)
        {
            if (request.Contains(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Forgets the recorded requests and responses.</summary>
    public void ClearRecords()
    {
        _requests.Clear();
        _responses.Clear();
    }

    /// <summary>Starts a server per <paramref name="options"/> and returns once it listens.</summary>
    public static async Task<MockLlmServer> StartAsync(MockLlmOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var scripts = new MockScriptRegistry(options.DefaultScript);
        // Built-in names for the demo (x-mock-script: demo | demo-one-event); options may override them.
        scripts.Set("demo", MockScript.Demo);
        scripts.Set("demo-one-event", MockScript.DemoOneEvent);
        foreach (var named in options.Scripts)
        {
            scripts.Set(named.Key, named.Value);
        }

        foreach (var byPath in options.PathScripts)
        {
            scripts.SetForPath(byPath.Key, byPath.Value);
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // HTTP/1.1 only: each flushed write becomes one chunk of the chunked body, the boundary the tests script.
            kestrel.Listen(options.Listen, listen => listen.Protocols = HttpProtocols.Http1);
            // Large scripted bodies and slow pacing are the point of this server; no limits get in the way.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinResponseDataRate = null;
        });

        var app = builder.Build();
        var server = new MockLlmServer(app, scripts);
        var handler = new MockRequestHandler(scripts, options.TimeProvider, server._requests, server._responses);
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        server.BaseAddress = ResolveAddress(app, options.Listen);
        return server;
    }

    /// <summary>Stops the server and releases the port.</summary>
    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(stop.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static Uri ResolveAddress(WebApplication app, IPEndPoint requested)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        foreach (var address in addresses?.Addresses ?? [])
        {
            // Kestrel reports the bound port; keep the requested host literal so callers get 127.0.0.1, not localhost.
            var bound = new Uri(address);
            var host = requested.Address.Equals(IPAddress.Any) || requested.Address.Equals(IPAddress.IPv6Any)
                ? "127.0.0.1"
                : requested.Address.ToString();
            return new UriBuilder("http", host, bound.Port, "/").Uri;
        }

        throw new InvalidOperationException("The mock LLM server reported no listening address.");
    }
}
