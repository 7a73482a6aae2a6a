using System.Threading.Channels;
using Hush.ExtProc.Audit;
using Prometheus;

namespace Hush.ExtProc.Sinks;

/// <summary>
/// The queue and delivery loop every SIEM sink shares. <see cref="Publish"/> only writes to a bounded channel (never
/// blocks the audit writer); one background loop takes batches in order and delivers each until it succeeds, backing
/// off between attempts. When the queue is full the oldest waiting record is dropped and counted, so a dead collector
/// costs a bounded amount of memory and never slows the data path.
/// </summary>
internal abstract partial class QueuedAuditSink : IAuditSink, IAsyncDisposable, IDisposable
{
    private readonly Channel<AuditRecord> _queue;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Gauge.Child _lag;
    private readonly Counter.Child _dropped;
    private readonly Counter.Child _sent;
    private readonly Counter.Child _errors;
    private long _pending;
    private int _dropWarned;
    private Task? _loop;
    private int _stopped;

    /// <summary>Creates the queue; <see cref="Start"/> starts the loop.</summary>
    protected QueuedAuditSink(SinkOptions options, SinkMetrics metrics, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        Options = options;
        Time = time ?? throw new ArgumentNullException(nameof(time));
        Logger = logger ?? throw new ArgumentNullException(nameof(logger));
        Name = options.Name;
        _lag = metrics.Lag.WithLabels(Name);
        _dropped = metrics.Dropped.WithLabels(Name);
        _sent = metrics.Sent.WithLabels(Name);
        _errors = metrics.Errors.WithLabels(Name);
        _queue = Channel.CreateBounded<AuditRecord>(
            new BoundedChannelOptions(options.QueueCapacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = false,
            },
            OnDropped);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Records queued or in flight and not yet delivered (what the lag gauge shows).</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>The sink's settings.</summary>
    protected SinkOptions Options { get; }

    /// <summary>The clock of backoff delays, timeouts and the flush interval.</summary>
    protected TimeProvider Time { get; }

    /// <summary>The sink's logger.</summary>
    protected ILogger Logger { get; }

    /// <summary>How long a partial batch waits for more records before delivery (zero: deliver what is there).</summary>
    protected virtual TimeSpan BatchWindow => TimeSpan.Zero;

    /// <inheritdoc />
    public void Publish(AuditRecord stored)
    {
        if (stored is null)
        {
            return;
        }

        // Counted before the write: with a full queue the drop callback runs inside TryWrite and takes one back off.
        Interlocked.Increment(ref _pending);
        _lag.Inc();
        if (!_queue.Writer.TryWrite(stored))
        {
            // Only after StopAsync completed the queue: this record can no longer be sent.
            Interlocked.Decrement(ref _pending);
            _lag.Dec();
            _dropped.Inc();
        }
    }

    /// <summary>Starts the delivery loop (idempotent).</summary>
    public void Start()
    {
        if (_loop is null)
        {
            Log.Started(Logger, Name, Options.Type);
            _loop = Task.Run(() => RunAsync(_stopping.Token));
        }
    }

    /// <summary>
    /// Stops taking records and keeps delivering what is queued for up to <see cref="SinkOptions.DrainTimeout"/> (or
    /// until <paramref name="cancellationToken"/>); whatever is still undelivered then is counted as dropped.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        if (_loop is not null)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var drained = Task.Delay(Options.DrainTimeout, Time, wait.Token);
            await Task.WhenAny(_loop, drained).ConfigureAwait(false);
            await wait.CancelAsync().ConfigureAwait(false);
            await _stopping.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false);
        }

        await CloseAsync().ConfigureAwait(false);
        var left = Interlocked.Exchange(ref _pending, 0);
        if (left > 0)
        {
            _dropped.Inc(left);
            _lag.Dec(left);
            Log.StoppedWithBacklog(Logger, Name, left);
        }
    }

    /// <summary>Synchronous <see cref="DisposeAsync"/> for containers disposed synchronously (blocks at most the drain timeout).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Delivers <paramref name="batch"/> (in order) or throws; <see cref="SinkDeliveryException"/> says whether to retry.</summary>
    protected abstract Task DeliverAsync(IReadOnlyList<AuditRecord> batch, CancellationToken cancellationToken);

    /// <summary>Releases connections after the loop ended.</summary>
    protected virtual ValueTask CloseAsync() => ValueTask.CompletedTask;

    private void OnDropped(AuditRecord dropped)
    {
        _dropped.Inc();
        Interlocked.Decrement(ref _pending);
        _lag.Dec();
        if (Interlocked.Exchange(ref _dropWarned, 1) == 0)
        {
            Log.QueueFull(Logger, Name, Options.QueueCapacity);
        }
    }

    // Outcome first, lag second: a scraper that sees the lag at zero also sees every outcome counted.
    private void Delivered(int count)
    {
        _sent.Inc(count);
        Interlocked.Add(ref _pending, -count);
        _lag.Dec(count);
    }

    private void Rejected(int count)
    {
        _dropped.Inc(count);
        Interlocked.Add(ref _pending, -count);
        _lag.Dec(count);
    }
}
