using System.Net.Http.Headers;
using System.Text;
using Hush.ExtProc.Audit;

namespace Hush.ExtProc.Sinks;

/// <summary>
/// POSTs batches of audit records as JSON lines (<c>application/x-ndjson</c>, one canonical record with its hash per
/// line, in chain order). 2xx delivers the batch; 400, 413, 415 and 422 reject it for good (dropped, counted: the same
/// bytes would be refused again); every other status, a network error or a timeout is retried with backoff, honouring
/// Retry-After on 429 and 503.
/// </summary>
internal sealed class HttpJsonLinesSink : QueuedAuditSink
{
    private static readonly MediaTypeHeaderValue s_ndjson = new("application/x-ndjson") { CharSet = "utf-8" };
    private readonly Uri _url;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>Creates the sink; with no <paramref name="http"/> it owns a client of its own.</summary>
    public HttpJsonLinesSink(SinkOptions options, SinkMetrics metrics, TimeProvider time, ILogger logger, HttpClient? http = null)
        : base(options, metrics, time, logger)
    {
        _url = new Uri(options.Url ?? throw new ArgumentException("An http sink needs a Url.", nameof(options)), UriKind.Absolute);
        _ownsHttp = http is null;
        _http = http ?? new HttpClient(new SocketsHttpHandler
        {
            // A long-lived client must still notice DNS changes of the receiver.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = options.Timeout,
            // A redirect could carry the audit trail and its auth header somewhere unintended.
            AllowAutoRedirect = false,
        })
        {
            // Timeouts come from Options.Timeout on the sink's own clock, per request.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
    }

    /// <inheritdoc />
    protected override TimeSpan BatchWindow => Options.FlushInterval;

    /// <summary>The request body of <paramref name="batch"/>: each record's canonical form with its hash, one per line.</summary>
    public static byte[] Body(IReadOnlyList<AuditRecord> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var sb = new StringBuilder(batch.Count * 1024);
        for (var i = 0; i < batch.Count; i++)
        {
            sb.Append(AuditCanonical.Form(batch[i], includeHash: true)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <inheritdoc />
    protected override async Task DeliverAsync(IReadOnlyList<AuditRecord> batch, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ByteArrayContent(Body(batch)) };
        request.Content.Headers.ContentType = s_ndjson;
        foreach (var (name, value) in Options.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var timeout = new CancellationTokenSource(Options.Timeout, Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SinkDeliveryException($"timed out after {Options.Timeout}", ex);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            var status = (int)response.StatusCode;
            var permanent = status is 400 or 413 or 415 or 422;
            var retryAfter = status is 429 or 503 ? Backoff.RetryAfter(response, Time.GetUtcNow(), Options.MaxBackoff) : null;
            throw new SinkDeliveryException($"HTTP {status}", permanent, retryAfter);
        }
    }

    /// <inheritdoc />
    protected override ValueTask CloseAsync()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
