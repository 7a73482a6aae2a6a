using Grpc.Net.Client;
using Hush.EnvoyEmulator.Filter;
using Hush.EnvoyEmulator.JwtAuthn;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Hush.EnvoyEmulator.Front;

/// <summary>One proxied HTTP request through jwt_authn and ext_proc.</summary>
internal sealed partial class FrontRequestHandler(
    FrontProxyOptions options,
    GrpcChannel channel,
    HttpClient upstream,
    JwtAuthnFilter? jwt,
    ExtProcCounters counters)
{
    private static readonly HashSet<string> s_hopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "upgrade", "trailer", "host",
    };

    /// <summary>Handles one request end to end.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var headers = RequestHeaders(context);
        var stream = new ExtProcStreamContext { ConnectionId = ConnectionIdOf(context) };
        if (jwt?.OnRequestHeaders(headers, stream) is { } denied)
        {
            await FrontProxy.WriteLocalReplyAsync(context, denied).ConfigureAwait(false);
            return;
        }

        var output = new ProxyOutput();
        var filter = new ExtProcFilter(channel, options.Filter, output, stream, options.Time, counters);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        try
        {
            var canHaveBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? false;
            await filter.DecodeHeadersAsync(headers, endOfStream: !canHaveBody).ConfigureAwait(false);
            var requestPump = canHaveBody ? PumpRequestBodyAsync(context, filter, abort.Token) : Task.CompletedTask;
            var upstreamTask = RunUpstreamAsync(output, filter, abort.Token);
            await WriteDownstreamAsync(context, output, abort.Token).ConfigureAwait(false);
            await abort.CancelAsync().ConfigureAwait(false);
            await IgnoreFailuresAsync(requestPump).ConfigureAwait(false);
            await IgnoreFailuresAsync(upstreamTask).ConfigureAwait(false);
        }
        finally
        {
            await filter.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static HttpHeaderList RequestHeaders(HttpContext context)
    {
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var headers = HttpHeaderList.Request(
            request.Method,
            string.IsNullOrEmpty(target) ? request.Path + request.QueryString : target,
            request.Host.Value ?? "localhost",
            "http");
        foreach (var (key, values) in request.Headers)
        {
            if (key.StartsWith(':') || key.Equals("host", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var value in values)
            {
                headers.Add(key, value ?? "");
            }
        }

        // The HCM adds these before the filter chain runs.
        // The listener is cleartext (h2c is detected by prior knowledge, not TLS).
        headers.Set("x-forwarded-proto", "http");
        if (!headers.Contains("x-request-id"))
        {
            headers.Add("x-request-id", Guid.NewGuid().ToString());
        }

        return headers;
    }

    private static ulong ConnectionIdOf(HttpContext context) =>
        unchecked((ulong)StringComparer.Ordinal.GetHashCode(context.Connection.Id));

    private static async Task PumpRequestBodyAsync(HttpContext context, ExtProcFilter filter, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await context.Request.Body.ReadAsync(buffer, ct).ConfigureAwait(false);
            if (read == 0)
            {
                await filter.DecodeDataAsync(ReadOnlyMemory<byte>.Empty, endOfStream: true).ConfigureAwait(false);
                return;
            }

            await filter.DecodeDataAsync(buffer.AsMemory(0, read), endOfStream: false).ConfigureAwait(false);
        }
    }

    private static async Task IgnoreFailuresAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException or InvalidOperationException)
        {
            // The stream already ended (local reply, reset or client gone).
        }
    }
}
