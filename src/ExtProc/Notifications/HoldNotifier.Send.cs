using System.Net.Http.Headers;
using Hush.ExtProc.Approvals;
using Hush.ExtProc.Sinks;

namespace Hush.ExtProc.Notifications;

/// <summary>The per-webhook sender: one notification at a time, in order, each retried with backoff.</summary>
internal sealed partial class HoldNotifier
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json") { CharSet = "utf-8" };

    private async Task RunAsync(WebhookQueue webhook, CancellationToken stopping)
    {
        try
        {
            while (await webhook.Queue.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                while (webhook.Queue.Reader.TryRead(out var hold))
                {
                    await SendAsync(webhook, hold, stopping).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: StopAsync counts what is left.
        }
        catch (Exception ex)
        {
            Log.LoopCrashed(_logger, webhook.Label, ex);
        }
    }

    private async Task SendAsync(WebhookQueue webhook, HoldRecord hold, CancellationToken stopping)
    {
        var link = _options.ReviewLink(hold.Id);
        var payload = webhook.Options.Format == WebhookFormat.Slack ? SlackHoldPayload.Build(hold, link) : JsonHoldPayload.Build(hold, link);
        try
        {
            await DeliverAsync(webhook, hold, payload, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped mid-delivery or mid-backoff: this one is lost like the ones still queued.
            _metrics.Dropped.Inc();
            throw;
        }
    }

    private async Task DeliverAsync(WebhookQueue webhook, HoldRecord hold, byte[] payload, CancellationToken stopping)
    {
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await AttemptAsync(webhook, payload, stopping).ConfigureAwait(false);
            if (outcome.Delivered)
            {
                _metrics.Sent.WithLabels(webhook.FormatLabel).Inc();
                return;
            }

            if (!outcome.Retryable || attempt >= _options.MaxAttempts)
            {
                _metrics.Failed.WithLabels(webhook.FormatLabel).Inc();
                Log.GaveUp(_logger, hold.Id, webhook.Label, attempt, outcome.Failure);
                return;
            }

            var delay = outcome.RetryAfter ?? Backoff.Delay(attempt, _options.InitialBackoff, _options.MaxBackoff);
            _metrics.Retries.Inc();
            Log.Retrying(_logger, hold.Id, webhook.Label, attempt, _options.MaxAttempts, outcome.Failure, delay);
            await Task.Delay(delay, _time, stopping).ConfigureAwait(false);
        }
    }

    private async Task<SendOutcome> AttemptAsync(WebhookQueue webhook, byte[] payload, CancellationToken stopping)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(payload) };
        request.Content.Headers.ContentType = s_json;
        foreach (var (name, value) in webhook.Options.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return SendOutcome.Ok;
            }

            var status = (int)response.StatusCode;
            var retryable = status is 408 or 429 or >= 500;
            var retryAfter = status is 429 or 503 ? Backoff.RetryAfter(response, _time.GetUtcNow(), _options.MaxBackoff) : null;
            return new SendOutcome(false, retryable, retryAfter, $"HTTP {status}");
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return new SendOutcome(false, true, null, $"timed out after {_options.Timeout}");
        }
        catch (HttpRequestException ex)
        {
            // The error kind only: HttpRequestException messages can quote the URL, a credential for Slack.
            return new SendOutcome(false, true, null, "network error (" + ex.HttpRequestError + ")");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new SendOutcome(false, true, null, ex.GetType().Name);
        }
    }
}
