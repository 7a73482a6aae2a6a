using Hush.ExtProc.Hosting;

namespace Hush.ExtProc.Approvals;

/// <summary>
/// Background upkeep of holds: expires pending holds past their expiry every poll interval, and runs the store's
/// change feed so a decision made through another replica wakes the stream waiting here.
/// </summary>
internal sealed class HoldSweeper : BackgroundService
{
    private readonly ApprovalService _approvals;
    private readonly TimeProvider _time;
    private readonly ILogger<HoldSweeper> _logger;

    /// <summary>Creates the sweeper.</summary>
    public HoldSweeper(ApprovalService approvals, TimeProvider time, ILogger<HoldSweeper> logger)
    {
        _approvals = approvals;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(SweepAsync(stoppingToken), WatchAsync(stoppingToken));

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _approvals.ExpireDueAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(_approvals.Options.PollInterval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.HoldSweepFailed(_logger, ex.GetType().Name);
                await Delay(stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _approvals.WatchAsync(stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.HoldSweepFailed(_logger, ex.GetType().Name);
                await Delay(stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task Delay(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1), _time, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
