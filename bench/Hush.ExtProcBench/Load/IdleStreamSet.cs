using Envoy.Service.ExtProc.V3;
using Grpc.Core;

namespace Hush.ExtProcBench.Load;

/// <summary>
/// Streams held open after their request and response headers were answered, with no body yet: the state a
/// server keeps per stream while an LLM is still thinking. Used for the memory-per-idle-stream figure.
/// </summary>
internal sealed class IdleStreamSet : IDisposable
{
    private readonly List<AsyncDuplexStreamingCall<ProcessingRequest, ProcessingResponse>> _calls = [];
    private readonly Lock _lock = new();

    /// <summary>Streams open and answered.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _calls.Count;
            }
        }
    }

    /// <summary>Opens <paramref name="count"/> streams spread over <paramref name="clients"/>; throws if any fails.</summary>
    public async Task OpenAsync(ExternalProcessor.ExternalProcessorClient[] clients, int count, CancellationToken cancel)
    {
        var tasks = new Task[count];
        for (var i = 0; i < count; i++)
        {
            tasks[i] = OpenOneAsync(clients[i % clients.Length], cancel);
        }

        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(120), cancel).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var call in _calls)
            {
                call.Dispose();
            }

            _calls.Clear();
        }
    }

    private async Task OpenOneAsync(ExternalProcessor.ExternalProcessorClient client, CancellationToken cancel)
    {
        var call = client.Process(cancellationToken: cancel);
        lock (_lock)
        {
            _calls.Add(call);
        }

        await ExchangeAsync(call, Requests.RequestHeaders, ProcessingResponse.ResponseOneofCase.RequestHeaders, cancel).ConfigureAwait(false);
        await ExchangeAsync(call, Requests.ResponseHeaders, ProcessingResponse.ResponseOneofCase.ResponseHeaders, cancel).ConfigureAwait(false);
    }

    private static async Task ExchangeAsync(AsyncDuplexStreamingCall<ProcessingRequest, ProcessingResponse> call,
        ProcessingRequest message, ProcessingResponse.ResponseOneofCase expected, CancellationToken cancel)
    {
        await call.RequestStream.WriteAsync(message, cancel).ConfigureAwait(false);
        if (!await call.ResponseStream.MoveNext(cancel).ConfigureAwait(false) || call.ResponseStream.Current.ResponseCase != expected)
        {
            throw new InvalidOperationException($"idle stream: expected a {expected} answer");
        }
    }
}
