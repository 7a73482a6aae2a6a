using System.Threading.Channels;
using Hush.ExtProc.Approvals;
using Hush.ExtProc.Postgres;
using static Hush.ExtProc.Tests.Postgres.PostgresHoldTestStore;

namespace Hush.ExtProc.Tests.Postgres;

/// <summary>The change feed across replicas: LISTEN/NOTIFY on a real server, including a dropped watch connection.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresHoldStoreWatchTests(PostgresServerFixture server)
{
    [Fact]
    public async Task Watch_DecisionAndExpiryOnOtherReplica_DeliversIds()
    {
        var db = await server.CreateDatabaseAsync();
        await using var one = await OpenAsync(db);
        await using var two = await OpenAsync(db);
        await using var watch = Watcher.Start(one);
        await watch.ProbeUntilListeningAsync(db);

        await one.CreateAsync(Sample(1)).WaitAsync(TestTimeout);
        await one.CreateAsync(Sample(2)).WaitAsync(TestTimeout);
        Assert.NotNull(await two.DecideAsync(Sample(1).Id, new HoldDecision(true, "alice", "ok", T0)).WaitAsync(TestTimeout));
        await watch.ExpectAsync(Sample(1).Id);

        Assert.Single(await two.ExpireAsync(T0.AddHours(2)).WaitAsync(TestTimeout));
        await watch.ExpectAsync(Sample(2).Id);
    }

    [Fact]
    public async Task Watch_RefusedDecision_NotifiesNothing()
    {
        var db = await server.CreateDatabaseAsync();
        await using var one = await OpenAsync(db);
        await using var two = await OpenAsync(db);
        await using var watch = Watcher.Start(one);
        await watch.ProbeUntilListeningAsync(db);
        await one.CreateAsync(Sample(1)).WaitAsync(TestTimeout);
        await one.CreateAsync(Sample(2)).WaitAsync(TestTimeout);

        // A refused decision (digest mismatch) changes nothing and must not wake anyone; the next real one does, alone.
        Assert.Null(await two.DecideAsync(Sample(1).Id, new HoldDecision(true, "alice", "ok", T0, new string('0', 64))).WaitAsync(TestTimeout));
        Assert.NotNull(await two.DecideAsync(Sample(2).Id, new HoldDecision(true, "alice", "ok", T0)).WaitAsync(TestTimeout));
        Assert.Equal(Sample(2).Id, await watch.NextAsync());
    }

    [Fact]
    public async Task Watch_ConnectionTerminated_ReconnectsAndKeepsDelivering()
    {
        var db = await server.CreateDatabaseAsync();
        await using var one = await OpenAsync(db);
        await using var two = await OpenAsync(db);
        await using var watch = Watcher.Start(one);
        await watch.ProbeUntilListeningAsync(db);

        var killed = await PostgresSql.ScalarAsync(db, "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity " +
            "WHERE datname = current_database() AND application_name = $1) AS t", PostgresHoldStore.WatchApplicationName);
        Assert.Equal(1L, killed);

        await watch.ProbeUntilListeningAsync(db);
        Assert.False(watch.Task.IsCompleted);
        await one.CreateAsync(Sample(1)).WaitAsync(TestTimeout);
        Assert.NotNull(await two.DecideAsync(Sample(1).Id, new HoldDecision(false, "alice", "no", T0)).WaitAsync(TestTimeout));
        await watch.ExpectAsync(Sample(1).Id);
    }

    [Fact]
    public async Task Watch_SubscriberThrows_FeedGoesOn()
    {
        var db = await server.CreateDatabaseAsync();
        await using var one = await OpenAsync(db);
        await using var watch = Watcher.Start(one, failOn: "boom");
        await watch.ProbeUntilListeningAsync(db);
        await PostgresSql.ExecuteAsync(db, "SELECT pg_notify($1, 'boom')", PostgresHoldStore.Channel);
        await PostgresSql.ExecuteAsync(db, "SELECT pg_notify($1, 'after')", PostgresHoldStore.Channel);
        await watch.ExpectAsync("after");
        Assert.False(watch.Task.IsCompleted);
    }

    [Fact]
    public async Task Watch_Cancelled_CompletesNormally()
    {
        var db = await server.CreateDatabaseAsync();
        await using var one = await OpenAsync(db);
        var watch = Watcher.Start(one);
        await watch.ProbeUntilListeningAsync(db);
        await watch.DisposeAsync();
        Assert.True(watch.Task.IsCompletedSuccessfully);

        // The dedicated connection is closed, not leaked.
        using var cts = new CancellationTokenSource(TestTimeout);
        while ((long)(await PostgresSql.ScalarAsync(db, "SELECT count(*) FROM pg_stat_activity " +
            "WHERE datname = current_database() AND application_name = $1", PostgresHoldStore.WatchApplicationName))! != 0)
        {
            await Task.Delay(50, cts.Token);
        }
    }

    [Fact]
    public async Task Watch_StoreDisposed_CompletesNormally()
    {
        var db = await server.CreateDatabaseAsync();
        var one = await OpenAsync(db);
        var watch = Watcher.Start(one);
        await watch.ProbeUntilListeningAsync(db);
        await one.DisposeAsync().AsTask().WaitAsync(TestTimeout);
        await watch.Task.WaitAsync(TestTimeout);
        Assert.True(watch.Task.IsCompletedSuccessfully);
        await watch.DisposeAsync();
    }

    /// <summary>Runs <see cref="IHoldStore.WatchAsync"/> in the background and collects the ids it reports.</summary>
    private sealed class Watcher : IAsyncDisposable
    {
        private readonly Channel<string> _ids = Channel.CreateUnbounded<string>();
        private readonly CancellationTokenSource _stop = new();

        private Watcher()
        {
        }

        public Task Task { get; private set; } = Task.CompletedTask;

        public static Watcher Start(IHoldStore store, string? failOn = null)
        {
            var watcher = new Watcher();
            watcher.Task = Task.Run(() => store.WatchAsync((id, _) =>
            {
                if (id == failOn)
                {
                    throw new InvalidOperationException("subscriber failure");
                }

                watcher._ids.Writer.TryWrite(id);
                return ValueTask.CompletedTask;
            }, watcher._stop.Token));
            return watcher;
        }

        /// <summary>Sends probe notifications until one arrives: then the watch connection is surely listening.</summary>
        public async Task ProbeUntilListeningAsync(string connectionString)
        {
            var probe = "probe-" + Guid.NewGuid().ToString("N");
            using var cts = new CancellationTokenSource(TestTimeout);
            while (true)
            {
                Assert.False(Task.IsCompleted, "the watch loop ended");
                await PostgresSql.ExecuteAsync(connectionString, "SELECT pg_notify($1, $2)", PostgresHoldStore.Channel, probe);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
                wait.CancelAfter(TimeSpan.FromMilliseconds(200));
                try
                {
                    while (true)
                    {
                        if (await _ids.Reader.ReadAsync(wait.Token) == probe)
                        {
                            // Drain duplicates of this probe sent while the connection came up.
                            while (_ids.Reader.TryPeek(out var next) && next == probe)
                            {
                                _ids.Reader.TryRead(out _);
                            }

                            return;
                        }
                    }
                }
                catch (OperationCanceledException) when (!cts.IsCancellationRequested)
                {
                    // Not listening yet: probe again.
                }
            }
        }

        /// <summary>The next reported id other than a probe leftover (fails after the timeout).</summary>
        public async Task<string> NextAsync()
        {
            using var cts = new CancellationTokenSource(TestTimeout);
            while (true)
            {
                var id = await _ids.Reader.ReadAsync(cts.Token);
                if (!id.StartsWith("probe-", StringComparison.Ordinal))
                {
                    return id;
                }
            }
        }

        /// <summary>Waits until <paramref name="id"/> is reported, skipping probe leftovers.</summary>
        public async Task ExpectAsync(string id)
        {
            using var cts = new CancellationTokenSource(TestTimeout);
            while (await _ids.Reader.ReadAsync(cts.Token) is var seen && seen != id)
            {
                Assert.StartsWith("probe-", seen, StringComparison.Ordinal);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await Task.WaitAsync(TestTimeout);
            _stop.Dispose();
        }
    }
}
