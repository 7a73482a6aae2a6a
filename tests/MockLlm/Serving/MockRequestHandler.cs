using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Hush.MockLlm.Formats;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Hush.MockLlm.Serving;

/// <summary>Handles every request: records it, picks the script and provider format, and writes the scripted answer.</summary>
internal sealed class MockRequestHandler(
    MockScriptRegistry scripts,
    TimeProvider timeProvider,
    ConcurrentQueue<RecordedRequest> requests,
    ConcurrentQueue<RecordedResponse> responses)
{
    private static readonly ChatCompletionsFormat s_chat = new();
    private static readonly ResponsesFormat s_responses = new();
    private static readonly AnthropicMessagesFormat s_anthropic = new();
    private long _sequence;

    /// <summary>The single request delegate of the server.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        var request = context.Request;
        var body = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
        requests.Enqueue(new RecordedRequest(sequence, request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? string.Empty, CopyHeaders(request.Headers), body));

        var path = request.Path.Value ?? "/";
        if (HttpMethods.IsGet(request.Method) && path == "/healthz")
        {
            await WriteAsync(context, sequence, 200, "text/plain", false, [Encoding.UTF8.GetBytes("ok\n")], MockScript.Demo).ConfigureAwait(false);
            return;
        }

        ILlmFormat? format = path switch
        {
            "/v1/chat/completions" => s_chat,
            "/v1/responses" => s_responses,
            "/v1/messages" => s_anthropic,
            _ => null,
        };
        if (format is null || !HttpMethods.IsPost(request.Method))
        {
            var notFound = ChatCompletionsFormat.OpenAiError("mock: no such endpoint " + request.Method + " " + path, 404);
            await WriteAsync(context, sequence, 404, "application/json", false, [notFound], MockScript.Demo).ConfigureAwait(false);
            return;
        }

        var scriptName = request.Headers[MockScriptRegistry.HeaderName].ToString();
        if (!scripts.TryResolve(path, scriptName, out var script))
        {
            var unknown = format.BuildError("mock: unknown script '" + scriptName + "'", 400);
            await WriteAsync(context, sequence, 400, "application/json", false, [unknown], MockScript.Demo).ConfigureAwait(false);
            return;
        }

        var (stream, model) = ReadRequestFields(body, format);
        await AnswerAsync(context, sequence, format, script, stream, model, body.Length).ConfigureAwait(false);
    }

    private async Task AnswerAsync(HttpContext context, long sequence, ILlmFormat format, MockScript script, bool stream, string model, int requestBytes)
    {
        if (script.RawBody is not null)
        {
            var contentType = stream ? "text/event-stream; charset=utf-8" : "application/json";
            await WriteAsync(context, sequence, script.StatusCode, contentType, stream, [Encoding.UTF8.GetBytes(script.RawBody)], script).ConfigureAwait(false);
            return;
        }

        if (script.StatusCode >= 400)
        {
            var error = format.BuildError(script.FullText(), script.StatusCode);
            await WriteAsync(context, sequence, script.StatusCode, "application/json", false, [error], script).ConfigureAwait(false);
            return;
        }

        var tokens = script.SplitTokens();
        var answer = new AnswerContext(sequence, model, tokens, string.Concat(tokens), timeProvider.GetUtcNow().ToUnixTimeSeconds(), Math.Max(1, requestBytes / 4));
        if (stream)
        {
            await WriteAsync(context, sequence, script.StatusCode, "text/event-stream; charset=utf-8", true, format.BuildStream(answer), script).ConfigureAwait(false);
        }
        else
        {
            await WriteAsync(context, sequence, script.StatusCode, "application/json", false, [format.BuildJson(answer)], script).ConfigureAwait(false);
        }
    }

    private async Task WriteAsync(HttpContext context, long sequence, int status, string contentType, bool streamed, List<byte[]> events, MockScript script)
    {
        var response = context.Response;
        var writes = WritePlan.Build(events, script);
        response.StatusCode = status;
        response.ContentType = contentType;
        response.Headers["x-request-id"] = "req_mock" + sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (streamed)
        {
            response.Headers.CacheControl = "no-cache";
        }
        else
        {
            var length = 0L;
            foreach (var write in writes)
            {
                length += write.Length;
            }

            response.ContentLength = length;
        }

        if (script.Gzip)
        {
            response.Headers.ContentEncoding = "gzip";
        }

        foreach (var header in script.Headers)
        {
            response.Headers[header.Key] = header.Value;
        }

        // Each write is flushed on its own so the scripted boundaries reach the socket (one HTTP/1.1 chunk or
        // HTTP/2 DATA frame per write); the feature switch stops any middleware from coalescing them.
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(context.RequestAborted).ConfigureAwait(false);
        var sent = new List<byte[]>(writes.Count);
        try
        {
            for (var i = 0; i < writes.Count; i++)
            {
                if (i > 0 && script.WriteDelay > TimeSpan.Zero)
                {
                    await Task.Delay(script.WriteDelay, timeProvider, context.RequestAborted).ConfigureAwait(false);
                }

                await response.Body.WriteAsync(writes[i], context.RequestAborted).ConfigureAwait(false);
                await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                sent.Add(writes[i]);
            }
        }
        finally
        {
            // Record what actually went out, also when the client (or a proxy in front) hung up mid-stream.
            responses.Enqueue(new RecordedResponse(sequence, context.Request.Path.Value ?? "/", status, streamed, sent));
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static Dictionary<string, string> CopyHeaders(IHeaderDictionary headers)
    {
        var copy = new Dictionary<string, string>(headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var header in headers)
        {
            copy[header.Key.ToLowerInvariant()] = header.Value.ToString();
        }

        return copy;
    }

    /// <summary>Reads <c>stream</c> and <c>model</c> from the request JSON; a body that is not JSON gets a non-streamed answer.</summary>
    private static (bool Stream, string Model) ReadRequestFields(byte[] body, ILlmFormat format)
    {
        var model = format is AnthropicMessagesFormat ? "claude-sonnet-4-5" : "gpt-4o-mini";
        var stream = false;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (document.RootElement.TryGetProperty("stream", out var streamValue) && streamValue.ValueKind == JsonValueKind.True)
                {
                    stream = true;
                }

                if (document.RootElement.TryGetProperty("model", out var modelValue) && modelValue.ValueKind == JsonValueKind.String)
                {
                    model = modelValue.GetString() ?? model;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: still answer, so proxies can be tested with arbitrary bodies.
        }

        return (stream, model);
    }
}
