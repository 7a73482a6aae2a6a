using Envoy.Service.ExtProc.V3;
using Grpc.Core;
using Grpc.Net.Client;

namespace Hush.ExtProc.Tests.Support;

/// <summary>One raw ext_proc stream over a real channel, with a timeout on every step.</summary>
internal sealed class ExtProcCall : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(10);
    private readonly AsyncDuplexStreamingCall<ProcessingRequest, ProcessingResponse> _call;

    /// <summary>Opens the stream.</summary>
    public ExtProcCall(GrpcChannel channel, CancellationToken cancellationToken = default)
    {
        _call = new ExternalProcessor.ExternalProcessorClient(channel).Process(cancellationToken: cancellationToken);
    }

    /// <summary>Sends one message.</summary>
    public Task SendAsync(ProcessingRequest message) => _call.RequestStream.WriteAsync(message).WaitAsync(StepTimeout);

    /// <summary>Receives the next answer; throws <see cref="RpcException"/> when the server ended the call with an error.</summary>
    public async Task<ProcessingResponse> ReceiveAsync()
    {
        if (!await _call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(StepTimeout))
        {
            throw new InvalidOperationException("the server ended the call without an answer");
        }

        return _call.ResponseStream.Current;
    }

    /// <summary>Sends <paramref name="message"/> and returns its single answer.</summary>
    public async Task<ProcessingResponse> ExchangeAsync(ProcessingRequest message)
    {
        await SendAsync(message);
        return await ReceiveAsync();
    }

    /// <summary>
    /// Sends <paramref name="message"/> on a call the server refuses at its start and returns the status the call ended
    /// with (OK when it was answered instead). The server may end the call before the message is written: the write then
    /// reports Cancelled, while the response carries the server's status, which is what Envoy acts on.
    /// </summary>
    public async Task<Status> RefusedAsync(ProcessingRequest message)
    {
        try
        {
            await ExchangeAsync(message);
            return Status.DefaultSuccess;
        }
        catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled)
        {
            return ex.Status;
        }
        catch (RpcException)
        {
            // The write lost the race with the server's end of the call: read that end.
        }

        try
        {
            while (await _call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(StepTimeout))
            {
            }
        }
        catch (RpcException ex)
        {
            return ex.Status;
        }

        return _call.GetStatus();
    }

    /// <summary>Half-closes and waits for the server's end of the call; returns its status.</summary>
    public async Task<Status> CompleteAsync()
    {
        await _call.RequestStream.CompleteAsync().WaitAsync(StepTimeout);
        try
        {
            while (await _call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(StepTimeout))
            {
            }
        }
        catch (RpcException ex)
        {
            return ex.Status;
        }

        return _call.GetStatus();
    }

    /// <inheritdoc />
    public void Dispose() => _call.Dispose();
}
