using System.Diagnostics;
using Envoy.Config.Core.V3;
using Envoy.Service.ExtProc.V3;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace Hush.HoldBench;

/// <summary>One ext_proc exchange played as Envoy does (STREAMED response): headers, a buffered prompt, an SSE answer in chunks.</summary>
internal static class Exchange
{
    private static readonly TimeSpan s_step = TimeSpan.FromSeconds(60);

    /// <summary>Runs one exchange; returns its latency (first message sent to last answer received).</summary>
    public static async Task<TimeSpan> RunAsync(GrpcChannel channel, string[] answerChunks, CancellationToken cancel)
    {
        var client = new ExternalProcessor.ExternalProcessorClient(channel);
        var started = Stopwatch.GetTimestamp();
        using var call = client.Process(cancellationToken: cancel);
        await SendAsync(call, RequestHeaders()).ConfigureAwait(false);
        await SendAsync(call, new ProcessingRequest
        {
            RequestBody = new HttpBody { Body = ByteString.CopyFromUtf8("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), EndOfStream = true },
        }).ConfigureAwait(false);
        await SendAsync(call, ResponseHeaders()).ConfigureAwait(false);
        for (var i = 0; i < answerChunks.Length; i++)
        {
            await call.RequestStream.WriteAsync(new ProcessingRequest
            {
                ResponseBody = new HttpBody { Body = ByteString.CopyFromUtf8(answerChunks[i]), EndOfStream = i == answerChunks.Length - 1 },
            }).WaitAsync(s_step, cancel).ConfigureAwait(false);
        }

        // Every chunk gets one body answer; a held final chunk is preceded by a timer extension.
        var bodies = 0;
        while (bodies < answerChunks.Length && await call.ResponseStream.MoveNext(cancel).WaitAsync(s_step, cancel).ConfigureAwait(false))
        {
            bodies += call.ResponseStream.Current.ResponseCase == ProcessingResponse.ResponseOneofCase.ResponseBody ? 1 : 0;
            if (call.ResponseStream.Current.ResponseCase == ProcessingResponse.ResponseOneofCase.ImmediateResponse)
            {
                break;
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        return elapsed;
    }

    /// <summary>Sends the headers and chunks of a held answer and returns once Hush extended Envoy's timer (the hold is raised).</summary>
    public static async Task<AsyncDuplexStreamingCall<ProcessingRequest, ProcessingResponse>> RaiseHoldAsync(GrpcChannel channel,
        string[] answerChunks, CancellationToken cancel)
    {
        var call = new ExternalProcessor.ExternalProcessorClient(channel).Process(cancellationToken: cancel);
        await SendAsync(call, RequestHeaders()).ConfigureAwait(false);
        await SendAsync(call, ResponseHeaders()).ConfigureAwait(false);
        for (var i = 0; i < answerChunks.Length; i++)
        {
            await call.RequestStream.WriteAsync(new ProcessingRequest
            {
                ResponseBody = new HttpBody { Body = ByteString.CopyFromUtf8(answerChunks[i]), EndOfStream = i == answerChunks.Length - 1 },
            }).WaitAsync(s_step, cancel).ConfigureAwait(false);
        }

        while (await call.ResponseStream.MoveNext(cancel).WaitAsync(s_step, cancel).ConfigureAwait(false))
        {
            if (call.ResponseStream.Current.OverrideMessageTimeout is not null)
            {
                return call;
            }
        }

        throw new InvalidOperationException("the stream ended without raising a hold");
    }

    /// <summary>Waits for the answer that ends a held response.</summary>
    public static async Task<ProcessingResponse> FinalAnswerAsync(AsyncDuplexStreamingCall<ProcessingRequest, ProcessingResponse> call, CancellationToken cancel)
    {
        while (await call.ResponseStream.MoveNext(cancel).WaitAsync(s_step, cancel).ConfigureAwait(false))
        {
            if (call.ResponseStream.Current.ResponseCase is ProcessingResponse.ResponseOneofCase.ResponseBody
                or ProcessingResponse.ResponseOneofCase.ImmediateResponse)
            {
                return call.ResponseStream.Current;
            }
        }

        throw new InvalidOperationException("the held stream ended without its final answer");
    }

    private static async Task SendAsync(AsyncDuplexStreamingCall<ProcessingRequest, ProcessingResponse> call, ProcessingRequest message)
    {
        await call.RequestStream.WriteAsync(message).WaitAsync(s_step).ConfigureAwait(false);
        if (!await call.ResponseStream.MoveNext().WaitAsync(s_step).ConfigureAwait(false))
        {
            throw new InvalidOperationException("Hush ended the stream early");
        }
    }

    private static ProcessingRequest RequestHeaders() => new()
    {
        RequestHeaders = new HttpHeaders { Headers = Map((":method", "POST"), (":path", "/v1/chat/completions"), ("content-type", "application/json")) },
    };

    private static ProcessingRequest ResponseHeaders() => new()
    {
        ResponseHeaders = new HttpHeaders { Headers = Map((":status", "200"), ("content-type", "text/event-stream")) },
    };

    private static HeaderMap Map(params (string Key, string Value)[] headers)
    {
        var map = new HeaderMap();
        foreach (var (key, value) in headers)
        {
            map.Headers.Add(new HeaderValue { Key = key, RawValue = ByteString.CopyFromUtf8(value) });
        }

        return map;
    }
}
