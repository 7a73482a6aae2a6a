using System.Collections.Concurrent;
using System.Net.Sockets;
using Npgsql;

namespace Hush.ExtProc.Postgres;

/// <summary>The change feed of <see cref="PostgresHoldStore"/>: LISTEN on <see cref="Channel"/> over a dedicated connection.</summary>
internal sealed partial class PostgresHoldStore
{
    /// <summary>The <c>application_name</c> of the watch connection (visible in <c>pg_stat_activity</c>).</summary>
    public const string WatchApplicationName = "hush-holds-watch";

    private static readonly TimeSpan s_minBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> is cancelled or the store is disposed (then completes normally), calling
    /// <paramref name="changed"/> with the id of every hold decided or expired by any replica, this one included (a
    /// repeated wake-up is harmless). When the connection drops it reconnects with exponential backoff (0.1 s to 10 s);
    /// notifications sent while disconnected are lost, which is why waiters also poll the store. An exception from
    /// <paramref name="changed"/> is logged and the loop goes on.
    /// </summary>
    public async Task WatchAsync(Func<string, CancellationToken, ValueTask> changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        await WatchLoopAsync(changed, stop.Token).ConfigureAwait(false);
    }

    private async Task WatchLoopAsync(Func<string, CancellationToken, ValueTask> changed, CancellationToken cancellationToken)
    {
        var backoff = s_minBackoff;
        while (!cancellationToken.IsCancellationRequested)
        {
            var received = new ConcurrentQueue<string>();
            try
            {
                var connection = new NpgsqlConnection(_watchConnectionString);
                await using (connection.ConfigureAwait(false))
                {
                    // Npgsql raises Notification while it reads server messages (inside WaitAsync); queue the ids and
                    // call back outside the event so an async callback never runs inside the driver's read loop.
                    connection.Notification += (_, e) => received.Enqueue(e.Payload);
                    await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                    await using (var listen = new NpgsqlCommand("LISTEN " + Channel, connection))
                    {
                        await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }

                    PostgresLog.WatchListening(_logger, Channel);
                    backoff = s_minBackoff;
                    while (true)
                    {
                        await DeliverAsync(received, changed, cancellationToken).ConfigureAwait(false);
                        await connection.WaitAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or SocketException or TimeoutException
                or InvalidOperationException)
            {
                // The exception type and server error code only: a message could echo connection details.
                PostgresLog.WatchLost(_logger, ex.GetType().Name, (ex as PostgresException)?.SqlState, backoff.TotalMilliseconds);
            }

            // Ids queued before the drop still belong to decisions that happened.
            await DeliverAsync(received, changed, cancellationToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(backoff, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = backoff * 2 < s_maxBackoff ? backoff * 2 : s_maxBackoff;
        }
    }

    private async Task DeliverAsync(ConcurrentQueue<string> received, Func<string, CancellationToken, ValueTask> changed,
        CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && received.TryDequeue(out var id))
        {
            try
            {
                await changed(id, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failing subscriber must not stop the feed for the other waiters.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                PostgresLog.WatchCallbackFailed(_logger, ex.GetType().Name);
            }
        }
    }

    /// <summary>
    /// The watch connection: unpooled (a LISTENing session must not go back to a pool), named in
    /// <c>pg_stat_activity</c>, and with a keepalive so a silently dropped connection is noticed and re-established.
    /// </summary>
    private static string WatchConnectionString(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            ApplicationName = WatchApplicationName,
        };
        if (builder.KeepAlive == 0)
        {
            builder.KeepAlive = 15;
        }

        return builder.ConnectionString;
    }
}
