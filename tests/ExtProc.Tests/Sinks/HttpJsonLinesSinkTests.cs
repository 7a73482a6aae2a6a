using System.Text.Json;
using Hush.ExtProc.Audit;
using Hush.ExtProc.Sinks;
using Hush.ExtProc.Tests.Support;

namespace Hush.ExtProc.Tests.Sinks;

/// <summary>The HTTP JSON-lines SIEM sink against a real local HTTP receiver.</summary>
public sealed class HttpJsonLinesSinkTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task HttpSink_DeliversEveryRecordInOrder_AsJsonLinesWithValidHashes()
    {
        await using var receiver = await HttpTestReceiver.StartAsync();
        var metrics = SinkTestRecords.Metrics();
        var options = SinkTestRecords.Options("siem", SinkType.Http);
        options.BatchSize = 7;
        options.Headers["Authorization"] = "Bearer test-token";
        await using var sink = SinkTestRecords.Http(options, new Uri(receiver.Url, "ingest"), metrics);
        sink.Start();
        var records = SinkTestRecords.Chain(25);
        foreach (var record in records)
        {
            sink.Publish(record);
        }

        await Eventually.TrueAsync(() => Task.FromResult(Lines(receiver).Count >= 25));
        var lines = Lines(receiver);
        Assert.Equal(25, lines.Count);
        for (var i = 0; i < records.Count; i++)
        {
            Assert.Equal(AuditCanonical.Form(records[i], includeHash: true), lines[i]);
            using var doc = JsonDocument.Parse(lines[i]);
            Assert.Equal(i + 1, doc.RootElement.GetProperty("seq").GetInt64());
            Assert.Equal(AuditCanonical.ComputeHash(records[i]), doc.RootElement.GetProperty("hash").GetString());
            Assert.Equal(i == 0 ? AuditCanonical.GenesisHash : records[i - 1].Hash, doc.RootElement.GetProperty("prev_hash").GetString());
        }

        foreach (var request in receiver.Requests)
        {
            Assert.Equal("/ingest", request.Path);
            Assert.StartsWith("application/x-ndjson", request.ContentType, StringComparison.Ordinal);
            Assert.Equal("Bearer test-token", request.Headers["Authorization"]);
            Assert.EndsWith("\n", request.Text, StringComparison.Ordinal);
            Assert.InRange(request.Text.Count(c => c == '\n'), 1, 7);
        }

        await Eventually.TrueAsync(() => SinkTestRecords.Settled(metrics, "siem", 25));
        Assert.Equal(0, SinkTestRecords.Value(metrics.Dropped, "siem"));
        Assert.Equal(0, sink.Pending);
    }

    [Fact]
    public async Task HttpSink_ReceiverDownThenUp_DeliversEverythingInOrderAfterRetry()
    {
        var port = HttpTestReceiver.FreePort();
        var metrics = SinkTestRecords.Metrics();
        await using var sink = SinkTestRecords.Http(SinkTestRecords.Options("siem", SinkType.Http), new Uri($"http://127.0.0.1:{port}/"), metrics);
        sink.Start();
        var records = SinkTestRecords.Chain(10);
        foreach (var record in records)
        {
            sink.Publish(record);
        }

        await Eventually.TrueAsync(() => Task.FromResult(SinkTestRecords.Value(metrics.Errors, "siem") >= 2));
        Assert.Equal(10, SinkTestRecords.Value(metrics.Lag, "siem"));
        Assert.Equal(0, SinkTestRecords.Value(metrics.Sent, "siem"));

        await using var receiver = await HttpTestReceiver.StartAsync(port);
        await Eventually.TrueAsync(() => SinkTestRecords.Settled(metrics, "siem", 10));
        var seqs = Lines(receiver).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), seqs);
        Assert.Equal(0, SinkTestRecords.Value(metrics.Dropped, "siem"));
        Assert.Equal(0, SinkTestRecords.Value(metrics.Lag, "siem"));
    }

    [Fact]
    public async Task HttpSink_ServerErrorWithRetryAfter_RetriesSameBatch()
    {
        await using var receiver = await HttpTestReceiver.StartAsync(respond: (i, ctx) =>
        {
            ctx.Response.StatusCode = i == 1 ? 503 : 200;
            if (i == 1)
            {
                ctx.Response.Headers.RetryAfter = "0";
            }

            return Task.CompletedTask;
        });
        var metrics = SinkTestRecords.Metrics();
        var options = SinkTestRecords.Options("siem", SinkType.Http);
        options.InitialBackoff = options.MaxBackoff = TimeSpan.FromMinutes(10);
        await using var sink = SinkTestRecords.Http(options, receiver.Url, metrics);
        var records = SinkTestRecords.Chain(3);
        foreach (var record in records)
        {
            sink.Publish(record);
        }

        // Queued before the loop starts, so the three records form one batch.
        sink.Start();

        // Only the Retry-After of 0 can bring the retry this soon: the backoff is ten minutes.
        await Eventually.TrueAsync(() => Task.FromResult(SinkTestRecords.Value(metrics.Sent, "siem") == 3));
        Assert.Equal(2, receiver.Requests.Count);
        Assert.Equal(receiver.Requests[0].Text, receiver.Requests[1].Text);
        Assert.Equal(1, SinkTestRecords.Value(metrics.Errors, "siem"));
    }

    [Fact]
    public async Task HttpSink_BadRequest_DropsBatchWithoutRetryAndCounts()
    {
        await using var receiver = await HttpTestReceiver.StartAsync(respond: (i, ctx) =>
        {
            ctx.Response.StatusCode = i == 1 ? 400 : 200;
            return Task.CompletedTask;
        });
        var metrics = SinkTestRecords.Metrics();
        var options = SinkTestRecords.Options("siem", SinkType.Http);
        options.BatchSize = 1;
        options.FlushInterval = TimeSpan.Zero;
        await using var sink = SinkTestRecords.Http(options, receiver.Url, metrics);
        sink.Start();
        var records = SinkTestRecords.Chain(2);
        sink.Publish(records[0]);
        await Eventually.TrueAsync(() => Task.FromResult(SinkTestRecords.Value(metrics.Dropped, "siem") == 1));
        sink.Publish(records[1]);
        await Eventually.TrueAsync(() => SinkTestRecords.Settled(metrics, "siem", 1));
        Assert.Equal(2, receiver.Requests.Count);
        Assert.Contains("\"seq\":2,", receiver.Requests[1].Text, StringComparison.Ordinal);
        Assert.Equal(1, SinkTestRecords.Value(metrics.Errors, "siem"));
        Assert.Equal(0, SinkTestRecords.Value(metrics.Lag, "siem"));
    }

    [Fact]
    public async Task HttpSink_QueueFull_DropsOldestWaitingAndCounts()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = await HttpTestReceiver.StartAsync(respond: async (i, ctx) =>
        {
            if (i == 1)
            {
                await gate.Task.WaitAsync(Guard);
            }

            ctx.Response.StatusCode = 200;
        });
        var metrics = SinkTestRecords.Metrics();
        var options = SinkTestRecords.Options("siem", SinkType.Http);
        options.BatchSize = 1;
        options.FlushInterval = TimeSpan.Zero;
        options.QueueCapacity = 3;
        await using var sink = SinkTestRecords.Http(options, receiver.Url, metrics);
        sink.Start();
        var records = SinkTestRecords.Chain(8);
        sink.Publish(records[0]);
        await receiver.WaitForAsync(1);
        for (var i = 1; i < records.Count; i++)
        {
            sink.Publish(records[i]);
        }

        // Record 1 is in flight; 2..8 met a queue of 3, so 2..5 were dropped and 6..8 wait.
        Assert.Equal(4, SinkTestRecords.Value(metrics.Dropped, "siem"));
        Assert.Equal(4, SinkTestRecords.Value(metrics.Lag, "siem"));
        gate.SetResult();
        await Eventually.TrueAsync(() => SinkTestRecords.Settled(metrics, "siem", 4));
        var seqs = Lines(receiver).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal([1L, 6L, 7L, 8L], seqs);
        Assert.Equal(0, SinkTestRecords.Value(metrics.Lag, "siem"));
    }

    [Fact]
    public async Task HttpSink_StoppedWhileReceiverDown_CountsUndeliveredAsDropped()
    {
        var port = HttpTestReceiver.FreePort();
        var metrics = SinkTestRecords.Metrics();
        var sink = SinkTestRecords.Http(SinkTestRecords.Options("siem", SinkType.Http), new Uri($"http://127.0.0.1:{port}/"), metrics);
        sink.Start();
        foreach (var record in SinkTestRecords.Chain(3))
        {
            sink.Publish(record);
        }

        await Eventually.TrueAsync(() => Task.FromResult(SinkTestRecords.Value(metrics.Errors, "siem") >= 1));
        await sink.StopAsync(CancellationToken.None).WaitAsync(Guard);
        Assert.Equal(3, SinkTestRecords.Value(metrics.Dropped, "siem"));
        Assert.Equal(0, SinkTestRecords.Value(metrics.Lag, "siem"));
        sink.Publish(SinkTestRecords.Chain(1)[0]);
        Assert.Equal(4, SinkTestRecords.Value(metrics.Dropped, "siem"));
        await sink.DisposeAsync().AsTask().WaitAsync(Guard);
    }

    private static List<string> Lines(HttpTestReceiver receiver) =>
        [.. receiver.Requests.SelectMany(r => r.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries))];
}
