using System.Threading.Channels;
using Envoy.Service.ExtProc.V3;
using Grpc.Core;

namespace Hush.EnvoyEmulator.Filter;

/// <summary>The gRPC side stream: opened lazily, written by one writer task, read by one reader task, reset at the end.</summary>
public sealed partial class ExtProcFilter
{
    private void EnsureSideStream()
    {
        if (_call is not null)
        {
            return;
        }

        _counters.IncStreamsStarted();
        _callCts = new CancellationTokenSource();
        var call = _client.Process(cancellationToken: _callCts.Token);
        _call = call;

        // Envoy's writes never block its worker: a queue decouples the event loop from HTTP/2 flow control.
        _writes = Channel.CreateUnbounded<ProcessingRequest>(new UnboundedChannelOptions { SingleReader = true });
        _ = Task.Run(() => WriteLoopAsync(call, _writes.Reader));
        _ = Task.Run(() => ReadLoopAsync(call));
    }

    private static async Task WriteLoopAsync(AsyncDuplexStreamingCall<ProcessingRequest, ProcessingResponse> call, ChannelReader<ProcessingRequest> reader)
    {
        try
        {
            await foreach (var request in reader.ReadAllAsync().ConfigureAwait(false))
            {
                await call.RequestStream.WriteAsync(request).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException or OperationCanceledException or IOException)
        {
            // The reader reports how the call ended; a failed write changes nothing else.
        }
    }

    private async Task ReadLoopAsync(AsyncDuplexStreamingCall<ProcessingRequest, ProcessingResponse> call)
    {
        Status status;
        try
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None).ConfigureAwait(false))
            {
                Post(new FilterEvent { Kind = FilterEventKind.Response, Response = call.ResponseStream.Current, Call = call });
            }

            status = call.GetStatus();
        }
        catch (RpcException ex)
        {
            status = ex.Status;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or OperationCanceledException)
        {
            status = new Status(StatusCode.Unavailable, ex.Message);
        }

        Post(new FilterEvent { Kind = FilterEventKind.GrpcClosed, Status = status, Call = call });
    }

    /// <summary>Envoy resets the side stream when it needs no more messages (default, no graceful close).</summary>
    private void CloseSideStream()
    {
        if (_sideStreamClosed && _callCts is null)
        {
            return;
        }

        _sideStreamClosed = true;
        _writes?.Writer.TryComplete();
        if (_callCts is not null && !_callCts.IsCancellationRequested)
        {
            _callCts.Cancel();
        }
    }
}
