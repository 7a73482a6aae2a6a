using Envoy.Service.ExtProc.V3;
using Grpc.Core;

namespace Hush.ExtProc.Tests.EnvoyEmulator;

/// <summary>One Process call as seen by a test script. Every receive is bounded by a timeout.</summary>
internal sealed class ExtProcSession(
    IAsyncStreamReader<ProcessingRequest> requests,
    IServerStreamWriter<ProcessingResponse> responses,
    ServerCallContext context)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    /// <summary>Every request received so far.</summary>
    public List<ProcessingRequest> Received { get; } = [];

    /// <summary>Cancelled when Envoy resets the side stream.</summary>
    public CancellationToken Cancelled => context.CancellationToken;

    /// <summary>The next message, or null when the client half-closed or reset the call.</summary>
    public async Task<ProcessingRequest?> ReceiveAsync()
    {
        try
        {
            if (!await requests.MoveNext(context.CancellationToken).WaitAsync(s_timeout))
            {
                return null;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or RpcException)
        {
            return null;
        }

        Received.Add(requests.Current);
        return requests.Current;
    }

    /// <summary>The next message, which must exist and be of <paramref name="kind"/>.</summary>
    public async Task<ProcessingRequest> ExpectAsync(ProcessingRequest.RequestOneofCase kind)
    {
        var request = await ReceiveAsync() ?? throw new InvalidOperationException($"expected {kind}, the stream ended");
        if (request.RequestCase != kind)
        {
            throw new InvalidOperationException($"expected {kind}, got {request.RequestCase}");
        }

        return request;
    }

    /// <summary>Sends an answer.</summary>
    public Task SendAsync(ProcessingResponse response) => responses.WriteAsync(response, context.CancellationToken).WaitAsync(s_timeout);

    /// <summary>Answers with the empty CONTINUE answer of the matching type.</summary>
    public Task ContinueAsync(ProcessingRequest request) => SendAsync(Answers.ContinueFor(request));

    /// <summary>Answers every message with CONTINUE until the call ends (Envoy resets it when done).</summary>
    public async Task ContinueAllAsync()
    {
        while (await ReceiveAsync() is { } request)
        {
            await ContinueAsync(request);
        }
    }

    /// <summary>Waits until Envoy resets or half-closes the call (bounded).</summary>
    public async Task WaitForEndAsync()
    {
        while (await ReceiveAsync() is not null)
        {
        }
    }
}
