using System.Threading.Channels;
using Hush.ExtProc.Hosting;
using Hush.ExtProc.Metrics;

namespace Hush.ExtProc.Audit;

/// <summary>
/// Takes audit records off the data path: a bounded queue drained by one background loop that appends them in
/// batches (one transaction each), then hands the stored records to the SIEM sinks. A failing store keeps its batch
/// and retries with backoff; while it fails, or while the queue is full, <see cref="Accepting"/> is false so the
/// processor refuses new exchanges (fail closed) unless <see cref="AuditOptions.FailOpen"/> is set.
/// </summary>
internal sealed class AuditWriter : BackgroundService, IAuditWriter
{
    private readonly IAuditStore _store;
    private readonly AuditOptions _options;
    private readonly HushMetrics _metrics;
    private readonly IReadOnlyList<IAuditSink> _sinks;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditWriter> _logger;
    private readonly Channel<AuditRecord> _queue;
    private volatile bool _storeHealthy = true;
    private int _queued;

    /// <summary>Creates the writer over <paramref name="store"/>; <paramref name="sinks"/> receive every stored record.</summary>
    public AuditWriter(IAuditStore store, AuditOptions options, HushMetrics metrics, IEnumerable<IAuditSink> sinks,
        TimeProvider time, ILogger<AuditWriter> logger)
    {
        _store = store;
        _options = options;
        _metrics = metrics;
        _sinks = sinks.ToArray();
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<AuditRecord>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The store records go to.</summary>
    public IAuditStore Store => _store;

    /// <inheritdoc/>
    public bool Accepting => _options.FailOpen || (_storeHealthy && Volatile.Read(ref _queued) < _options.QueueCapacity);

    /// <summary>Records queued and not yet stored.</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <inheritdoc/>
    public bool TryWrite(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_queue.Writer.TryWrite(record))
        {
            _metrics.AuditWriteFailures.WithLabels("queue_full").Inc();
            Log.AuditDropped(_logger, "queue full");
            return false;
        }

        _metrics.AuditQueueDepth.Set(Interlocked.Increment(ref _queued));
        return true;
    }

    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A thread of its own: SQLite calls block (a commit, a WAL checkpoint), and on a small machine a blocked
        // thread-pool thread is a data-path thread lost for that long.
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Run(stoppingToken);
                done.SetResult();
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = "hush-audit-writer",
        };
        thread.Start();
        return done.Task;
    }

    private void Run(CancellationToken stoppingToken)
    {
        var batch = new List<AuditRecord>(_options.BatchSize);
        var reader = _queue.Reader;
        try
        {
            while (reader.WaitToReadAsync(stoppingToken).AsTask().GetAwaiter().GetResult())
            {
                // Let a batch gather: one transaction per few milliseconds instead of one per exchange keeps the
                // writer's CPU (hashing, SQLite) from competing with the data path at high rates.
                if (_options.FlushInterval > TimeSpan.Zero && Queued < _options.BatchSize)
                {
                    stoppingToken.WaitHandle.WaitOne(_options.FlushInterval);
                }

                while (batch.Count < _options.BatchSize && reader.TryRead(out var record))
                {
                    batch.Add(record);
                }

                StoreAsync(batch, stoppingToken).GetAwaiter().GetResult();
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Shutdown: whatever is still queued gets one last try, so a clean stop loses nothing.
        while (reader.TryRead(out var record))
        {
            batch.Add(record);
        }

        if (batch.Count > 0)
        {
            StoreOnceAsync(batch, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    private async Task StoreAsync(List<AuditRecord> batch, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(50);
        while (!await StoreOnceAsync(batch, cancellationToken).ConfigureAwait(false))
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            delay = delay * 2 < TimeSpan.FromSeconds(5) ? delay * 2 : TimeSpan.FromSeconds(5);
        }
    }

    private async Task<bool> StoreOnceAsync(List<AuditRecord> batch, CancellationToken cancellationToken)
    {
        IReadOnlyList<AuditRecord> stored;
        try
        {
            stored = await _store.AppendRangeAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _storeHealthy = false;
            _metrics.AuditWriteFailures.WithLabels("store_error").Inc(batch.Count);
            Log.AuditStoreFailed(_logger, batch.Count, ex.GetType().Name);
            return false;
        }

        _storeHealthy = true;
        _metrics.AuditRecordsWritten.Inc(stored.Count);
        _metrics.AuditQueueDepth.Set(Interlocked.Add(ref _queued, -batch.Count));
        foreach (var record in stored)
        {
            foreach (var sink in _sinks)
            {
                sink.Publish(record);
            }
        }

        return true;
    }
}
