using Hush.ExtProc.Approvals;

namespace Hush.ExtProc.Notifications;

/// <summary>
/// Tells the configured webhooks about new holds. <see cref="Notify"/> only queues (never blocks, never throws: the
/// data path calls it); a background sender per webhook posts the JSON or Slack payload, retrying network errors,
/// timeouts, 5xx and 429 (honouring Retry-After) with exponential backoff, up to <see cref="NotificationOptions.MaxAttempts"/>.
/// Payloads carry masked data only: the hold's masked answer is stripped before queuing and never serialised.
/// </summary>
internal sealed partial class HoldNotifier : BackgroundService, IHoldNotifier
{
    private readonly NotificationOptions _options;
    private readonly NotificationMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<HoldNotifier> _logger;
    private readonly WebhookQueue[] _webhooks;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>Creates the notifier; with no <paramref name="http"/> it owns a client of its own.</summary>
    public HoldNotifier(NotificationOptions options, NotificationMetrics metrics, TimeProvider time, ILogger<HoldNotifier> logger,
        HttpClient? http = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _webhooks = new WebhookQueue[options.Webhooks.Count];
        for (var i = 0; i < _webhooks.Length; i++)
        {
            _webhooks[i] = new WebhookQueue(i, options.Webhooks[i], options.QueueCapacity);
        }

        _ownsHttp = http is null;
        _http = http ?? new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = options.Timeout,
            // A redirect could carry the hold and its auth header somewhere unintended.
            AllowAutoRedirect = false,
        })
        {
            // Each attempt has its own timeout on the notifier's clock.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
    }

    /// <inheritdoc />
    public void Notify(HoldRecord hold)
    {
        try
        {
            if (hold is null || _webhooks.Length == 0)
            {
                return;
            }

            // Defensive: the masked answer is never needed for a notification and must not sit in a queue.
            var safe = hold.MaskedAnswer is null ? hold : hold with { MaskedAnswer = null };
            foreach (var webhook in _webhooks)
            {
                if (!webhook.Queue.Writer.TryWrite(safe))
                {
                    _metrics.Dropped.Inc();
                    Log.Dropped(_logger, webhook.Label);
                }
            }
        }
        catch (Exception ex)
        {
            // The data path must never fail because of a notification.
            Log.NotifyFailed(_logger, ex);
        }
    }

    /// <summary>Stops the senders; notifications still queued are counted as dropped.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var webhook in _webhooks)
        {
            webhook.Queue.Writer.TryComplete();
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        var left = 0;
        foreach (var webhook in _webhooks)
        {
            while (webhook.Queue.Reader.TryRead(out _))
            {
                left++;
            }
        }

        if (left > 0)
        {
            _metrics.Dropped.Inc(left);
            Log.StoppedWithBacklog(_logger, left);
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        base.Dispose();
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var senders = new Task[_webhooks.Length];
        for (var i = 0; i < senders.Length; i++)
        {
            var webhook = _webhooks[i];
            senders[i] = Task.Run(() => RunAsync(webhook, stoppingToken), CancellationToken.None);
        }

        return Task.WhenAll(senders);
    }
}
