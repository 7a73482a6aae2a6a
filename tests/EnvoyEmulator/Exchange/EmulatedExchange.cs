using Grpc.Core;
using Hush.EnvoyEmulator.Filter;

namespace Hush.EnvoyEmulator.Exchange;

/// <summary>
/// Runs one scripted HTTP exchange through an <see cref="ExtProcFilter"/> against a real ext_proc server:
/// the script plays the downstream client and the upstream, the result records what each side received.
/// </summary>
public static class EmulatedExchange
{
    /// <summary>Runs <paramref name="script"/> and returns what happened (never throws on a stuck exchange: see <see cref="ExchangeResult.Completed"/>).</summary>
    /// <param name="channel">gRPC channel to the ext_proc server (a GrpcChannel over h2c).</param>
    /// <param name="config">Filter config.</param>
    /// <param name="script">The exchange.</param>
    /// <param name="time">Clock for message timers (a FakeTimeProvider in timeout tests); system clock when null.</param>
    /// <param name="cancellationToken">Aborts the exchange (the filter is cancelled, the partial result returned).</param>
    public static async Task<ExchangeResult> RunAsync(
        ChannelBase channel,
        ExtProcFilterConfig config,
        ExchangeScript script,
        TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        var output = new RecordingOutput();
        var context = new ExtProcStreamContext { ConnectionId = script.ConnectionId };
        foreach (var (ns, value) in script.DynamicMetadata)
        {
            context.DynamicMetadata[ns] = value.Clone();
        }

        var counters = new ExtProcCounters();
        var transcript = new ExtProcTranscript();
        var filter = new ExtProcFilter(channel, config, output, context, time, counters, transcript);
        var completed = false;
        try
        {
            completed = await DriveAsync(filter, output, script, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            completed = false;
        }
        finally
        {
            await filter.DisposeAsync().ConfigureAwait(false);
        }

        return new ExchangeResult
        {
            Upstream = output.Upstream,
            Downstream = output.Downstream,
            Transcript = transcript.Entries,
            Counters = counters,
            ReceivedDynamicMetadata = new Dictionary<string, Google.Protobuf.WellKnownTypes.Struct>(context.ReceivedDynamicMetadata),
            Completed = completed,
        };
    }

    private static async Task<bool> DriveAsync(ExtProcFilter filter, RecordingOutput output, ExchangeScript script, CancellationToken ct)
    {
        var ended = output.Ended.Task;
        var requestHasBody = script.RequestBody.Count > 0 || script.RequestTrailers is not null;
        await Guard(filter.DecodeHeadersAsync(script.RequestHeaders, !requestHasBody), script, ct).ConfigureAwait(false);

        var responseFed = false;
        if (script.ResponseStart == ResponseStart.AfterRequestHeaders && script.ResponseHeaders is not null)
        {
            if (!await WaitAnyAsync(output.UpstreamHeadersSeen.Task, ended, script, ct).ConfigureAwait(false))
            {
                return false;
            }

            if (!ended.IsCompleted)
            {
                responseFed = true;
                var responseHasBody = script.ResponseBody.Count > 0 || script.ResponseTrailers is not null;
                await Guard(filter.EncodeHeadersAsync(script.ResponseHeaders, !responseHasBody), script, ct).ConfigureAwait(false);
            }
        }

        await FeedBodyAsync(filter, TrafficDirection.Request, script.RequestBody, script.RequestTrailers, ended, script, ct).ConfigureAwait(false);
        if (script.ResponseHeaders is not null)
        {
            if (!responseFed)
            {
                if (!await WaitAnyAsync(output.UpstreamComplete.Task, ended, script, ct).ConfigureAwait(false))
                {
                    return false;
                }

                if (!ended.IsCompleted)
                {
                    var responseHasBody = script.ResponseBody.Count > 0 || script.ResponseTrailers is not null;
                    await Guard(filter.EncodeHeadersAsync(script.ResponseHeaders, !responseHasBody), script, ct).ConfigureAwait(false);
                }
            }

            await FeedBodyAsync(filter, TrafficDirection.Response, script.ResponseBody, script.ResponseTrailers, ended, script, ct).ConfigureAwait(false);
        }

        return await WaitAnyAsync(filter.Completion, ended, script, ct).ConfigureAwait(false);
    }

    private static async Task FeedBodyAsync(
        ExtProcFilter filter,
        TrafficDirection direction,
        IReadOnlyList<ScriptChunk> chunks,
        HttpHeaderList? trailers,
        Task ended,
        ExchangeScript script,
        CancellationToken ct)
    {
        for (var i = 0; i < chunks.Count && !ended.IsCompleted; i++)
        {
            var chunk = chunks[i];
            if (chunk.WaitForAnswersBefore)
            {
                await Guard(filter.WhenIdleAsync(direction), script, ct).ConfigureAwait(false);
            }

            var endOfStream = i == chunks.Count - 1 && trailers is null;
            var feed = direction == TrafficDirection.Request
                ? filter.DecodeDataAsync(chunk.Data, endOfStream)
                : filter.EncodeDataAsync(chunk.Data, endOfStream);
            await Guard(feed, script, ct).ConfigureAwait(false);
        }

        if (trailers is not null && !ended.IsCompleted)
        {
            var feed = direction == TrafficDirection.Request ? filter.DecodeTrailersAsync(trailers) : filter.EncodeTrailersAsync(trailers);
            await Guard(feed, script, ct).ConfigureAwait(false);
        }
    }

    private static Task Guard(Task task, ExchangeScript script, CancellationToken ct) => task.WaitAsync(script.Timeout, ct);

    private static async Task<bool> WaitAnyAsync(Task wanted, Task ended, ExchangeScript script, CancellationToken ct)
    {
        try
        {
            await Task.WhenAny(wanted, ended).WaitAsync(script.Timeout, ct).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
