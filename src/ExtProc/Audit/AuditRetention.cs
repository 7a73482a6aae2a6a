using Hush.ExtProc.Hosting;

namespace Hush.ExtProc.Audit;

/// <summary>Deletes audit records older than <see cref="AuditOptions.RetentionDays"/> once an hour (the chain stays verifiable through its anchor).</summary>
internal sealed class AuditRetention : BackgroundService
{
    private readonly IAuditStore _store;
    private readonly AuditOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditRetention> _logger;

    /// <summary>Creates the retention job.</summary>
    public AuditRetention(IAuditStore store, AuditOptions options, TimeProvider time, ILogger<AuditRetention> logger)
    {
        _store = store;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.RetentionDays <= 0)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var removed = await _store.DeleteOlderThanAsync(_options.RetentionDays, stoppingToken).ConfigureAwait(false);
                if (removed > 0)
                {
                    Log.AuditRetention(_logger, removed, _options.RetentionDays);
                }

                await Task.Delay(TimeSpan.FromHours(1), _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.AuditStoreFailed(_logger, 0, ex.GetType().Name);
                await Task.Delay(TimeSpan.FromMinutes(1), _time, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
