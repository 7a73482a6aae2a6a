using Envoy.Service.ExtProc.V3;
using Grpc.Core;

namespace Hush.ExtProcBench.Load;

/// <summary>
/// One concurrent stream slot, playing Envoy's side of ext_proc for a streamed chat completion: request headers,
/// response headers (each answered before going on, as Envoy waits for header answers), then body chunks at a
/// steady pace, pipelined up to a window like Envoy's STREAMED mode; the last chunk carries end_of_stream. When a
/// stream's life ends it is reset (as Envoy does) and a new one takes its place until the level stops.
/// Answers are paired with messages FIFO; each body answer is checked and its added latency recorded.
/// </summary>
internal sealed partial class StreamDriver
{
    private const int RequestHeadersSlot = -1;
    private const int ResponseHeadersSlot = -2;

    private readonly IProcessClient _client;
    private readonly DriverContext _context;
    private readonly Random _rng;
    private readonly int _capacity;
    private readonly long[] _sentAt;
    private readonly int[] _pendingChunk;
    private readonly bool[] _pendingFinal;
    private readonly LeakScanner _scanner = new();
    private int _head;
    private int _tail;
    private SemaphoreSlim _window = new(1, 1);
    private SemaphoreSlim _headersAnswered = new(0);

    /// <summary>Creates slot <paramref name="index"/> (its random choices are seeded from the run seed and the index).</summary>
    public StreamDriver(IProcessClient client, DriverContext context, int index)
    {
        _client = client;
        _context = context;
        _rng = new Random(HashCode.Combine(context.Options.Seed, index, (int)context.Kind));
        _capacity = context.Options.Window + 2;
        _sentAt = new long[_capacity];
        _pendingChunk = new int[_capacity];
        _pendingFinal = new bool[_capacity];
    }

    /// <summary>
    /// Runs stream lives back to back until <paramref name="stop"/> (the current life then sends its last chunk and
    /// waits for every answer) or <paramref name="abort"/> (everything ends at once).
    /// </summary>
    public async Task RunAsync(CancellationToken stop, CancellationToken abort)
    {
        var first = true;
        using var pace = new ReusableDelay(_context.Time, abort);
        while (!stop.IsCancellationRequested && !abort.IsCancellationRequested)
        {
            var ok = await RunLifeAsync(first, pace, stop, abort).ConfigureAwait(false);
            first = false;
            if (!ok && !abort.IsCancellationRequested)
            {
                // A failed stream is counted; pause so a broken server does not turn this into a hot loop.
                await Task.Delay(TimeSpan.FromMilliseconds(100), _context.Time, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task<bool> RunLifeAsync(bool first, ReusableDelay pace, CancellationToken stop, CancellationToken abort)
    {
        var options = _context.Options;
        var script = _context.Scripts[_rng.Next(_context.Scripts.Length)];
        var chunks = Math.Min(_rng.Next(options.MinChunks, options.MaxChunks + 1), script.ChunkCount);
        _head = 0;
        _tail = 0;
        _window = new SemaphoreSlim(options.Window, options.Window);
        _headersAnswered = new SemaphoreSlim(0);
        _scanner.Reset(script.Secrets);
        _context.Counters.StreamStarted();

        var call = _client.Open(abort);
        var reader = ReadAnswersAsync(call, script, abort);
        var completed = false;
        try
        {
            if (!await SendHeadersAsync(call, Requests.RequestHeaders, RequestHeadersSlot, reader, abort).ConfigureAwait(false)
                || !await SendHeadersAsync(call, _context.Kind == ProcessorKind.MaskingRaw ? Requests.ResponseHeadersPlain : Requests.ResponseHeaders, ResponseHeadersSlot, reader, abort).ConfigureAwait(false))
            {
                return Failed();
            }

            if (first)
            {
                _context.Counters.StreamReady();
            }

            var last = await SendBodyAsync(call, script, chunks, first, reader, pace, stop, abort).ConfigureAwait(false);
            if (last < 0 || !await reader.WaitAsync(TimeSpan.FromSeconds(60), abort).ConfigureAwait(false))
            {
                return Failed();
            }

            completed = true;
            _context.Counters.StreamCompleted(script.PlantedThrough[last], script.SplitThrough[last]);
            return true;
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException or IOException or TimeoutException or InvalidOperationException)
        {
            return Failed();
        }
        finally
        {
            // Envoy resets the side stream when it is done with it; disposing the call does the same (RST_STREAM).
            call.Dispose();
            if (!completed)
            {
                await SettleAsync(reader).ConfigureAwait(false);
            }
        }
    }

    private async Task<bool> SendHeadersAsync(IProcessCall call,
        ProcessingRequest message, int slot, Task<bool> reader, CancellationToken abort)
    {
        _ = Push(slot, final: false);
        await call.WriteAsync(message, abort).ConfigureAwait(false);
        var answered = _headersAnswered.WaitAsync(TimeSpan.FromSeconds(60), abort);
        var done = await Task.WhenAny(answered, reader).ConfigureAwait(false);
        return done == answered && await answered.ConfigureAwait(false);
    }

    /// <summary>Sends the body; returns the index of the chunk sent with end_of_stream, or -1 on failure.</summary>
    private async Task<int> SendBodyAsync(IProcessCall call,
        SseScript script, int chunks, bool first, Task<bool> reader, ReusableDelay pace, CancellationToken stop, CancellationToken abort)
    {
        var options = _context.Options;
        var time = _context.Time;
        var frequency = time.TimestampFrequency;
        var due = time.GetTimestamp();
        if (first)
        {
            // Spread the first chunks of all streams over one interval instead of sending them in one burst.
            due += _rng.Next(0, options.MaxIntervalMs + 1) * frequency / 1000;
        }

        var burst = 0;
        for (var i = 0; i < chunks; i++)
        {
            var wait = due - time.GetTimestamp();
            if (wait > 0)
            {
                await pace.WaitAsync(TimeSpan.FromSeconds((double)wait / frequency)).ConfigureAwait(false);
            }

            var final = i == chunks - 1 || stop.IsCancellationRequested;
            if (reader.IsCompleted || !await _window.WaitAsync(TimeSpan.FromSeconds(60), abort).ConfigureAwait(false))
            {
                return -1;
            }

            var sentAt = Push(i, final);
            await call.WriteAsync(final ? script.Final(i) : script.Messages[i], abort).ConfigureAwait(false);
            _context.Counters.ChunkSent(sentAt - due, frequency);
            if (final)
            {
                return i;
            }

            if (burst > 0)
            {
                burst--;
                due = time.GetTimestamp();
            }
            else if (_rng.NextDouble() < options.BurstProbability)
            {
                // A burst (several frames read at once): the next 1–3 chunks follow back to back, pipelined.
                burst = _rng.Next(0, 3);
                due = time.GetTimestamp();
            }
            else
            {
                due += _rng.Next(options.MinIntervalMs, options.MaxIntervalMs + 1) * frequency / 1000;
            }

            // Falling behind (an overloaded machine) must not turn into a catch-up burst.
            var now = time.GetTimestamp();
            if (due < now - (options.MaxIntervalMs * frequency / 1000))
            {
                due = now;
            }
        }

        return -1;
    }

    /// <summary>Queues the pairing record of a message about to be written; returns its send timestamp.</summary>
    private long Push(int chunk, bool final)
    {
        var slot = _tail % _capacity;
        var now = _context.Time.GetTimestamp();
        _pendingChunk[slot] = chunk;
        _pendingFinal[slot] = final;
        _sentAt[slot] = now;
        Volatile.Write(ref _tail, _tail + 1);
        return now;
    }

    private bool Failed()
    {
        _context.Counters.StreamFailed();
        return false;
    }

    private static async Task SettleAsync(Task<bool> reader)
    {
        try
        {
            await reader.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException or IOException or TimeoutException)
        {
            // The call was reset: the reader ends with a cancellation, which is expected here.
        }
    }
}
