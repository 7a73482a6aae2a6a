using Hush.ExtProc.Audit;

namespace Hush.ExtProc.Sinks;

/// <summary>The delivery loop: batches in queue order, each retried until delivered, rejected or the sink stops.</summary>
internal abstract partial class QueuedAuditSink
{
    private async Task RunAsync(CancellationToken stopping)
    {
        var batch = new List<AuditRecord>(Math.Min(Options.BatchSize, 1024));
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                await FillAsync(batch, stopping).ConfigureAwait(false);
                if (batch.Count > 0)
                {
                    await DeliverWithRetryAsync(batch, stopping).ConfigureAwait(false);
                    batch.Clear();
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped: StopAsync counts what is left.
        }
        catch (Exception ex)
        {
            // Never expected (delivery errors are caught per attempt); logged so a dead loop is visible, counted at stop.
            Log.LoopCrashed(Logger, Name, ex);
        }
    }

    private async Task FillAsync(List<AuditRecord> batch, CancellationToken stopping)
    {
        while (batch.Count < Options.BatchSize && _queue.Reader.TryRead(out var record))
        {
            batch.Add(record);
        }

        if (batch.Count >= Options.BatchSize || BatchWindow <= TimeSpan.Zero)
        {
            return;
        }

        // A partial batch waits up to the window for company, trading a little latency for far fewer requests.
        using var window = new CancellationTokenSource(BatchWindow, Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, window.Token);
        try
        {
            while (batch.Count < Options.BatchSize && await _queue.Reader.WaitToReadAsync(linked.Token).ConfigureAwait(false))
            {
                while (batch.Count < Options.BatchSize && _queue.Reader.TryRead(out var record))
                {
                    batch.Add(record);
                }
            }
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            // The window closed: send what we have.
        }
    }

    private async Task DeliverWithRetryAsync(List<AuditRecord> batch, CancellationToken stopping)
    {
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan delay;
            try
            {
                await DeliverAsync(batch, stopping).ConfigureAwait(false);
                Delivered(batch.Count);
                if (attempt > 1)
                {
                    Log.Recovered(Logger, Name, attempt);
                }

                if (_queue.Reader.Count == 0)
                {
                    Volatile.Write(ref _dropWarned, 0);
                }

                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                throw;
            }
            catch (SinkDeliveryException ex) when (ex.Permanent)
            {
                _errors.Inc();
                Rejected(batch.Count);
                Log.BatchRejected(Logger, Name, batch.Count, ex.Message);
                return;
            }
            catch (Exception ex)
            {
                _errors.Inc();
                delay = (ex as SinkDeliveryException)?.RetryAfter ?? Backoff.Delay(attempt, Options.InitialBackoff, Options.MaxBackoff);
                Log.DeliveryFailed(Logger, Name, batch.Count, attempt, Describe(ex), delay);
            }

            await Task.Delay(delay, Time, stopping).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A failure's description for the log: our own messages, or the exception type and the socket error. Exception
    /// messages of the HTTP stack may quote the request URL, which can carry a token.
    /// </summary>
    private static string Describe(Exception ex) => ex switch
    {
        SinkDeliveryException s when s.InnerException is null => s.Message,
        SinkDeliveryException s => s.Message + ": " + Describe(s.InnerException!),
        System.Net.Sockets.SocketException se => "socket error " + se.SocketErrorCode,
        HttpRequestException { InnerException: { } inner } => Describe(inner),
        HttpRequestException h => "HTTP request failed (" + h.HttpRequestError + ")",
        IOException { InnerException: { } inner } => Describe(inner),
        _ => ex.GetType().Name,
    };
}
