using System.Globalization;
using System.Text;
using Hush.EnvoyEmulator.Exchange;
using Hush.EnvoyEmulator.Filter;
using Hush.ExtProc.Policies;
using Hush.ExtProc.Tests.Support;

namespace Hush.ExtProc.Tests.Conformance;

/// <summary>Building blocks of scripted exchanges: headers, SSE bodies with a planted fake key, chunk cuts.</summary>
internal static class Scripts
{
    /// <summary>Real-time guard per exchange phase (a loaded machine can be slow; this never decides a result).</summary>
    public static readonly TimeSpan PhaseTimeout = TimeSpan.FromSeconds(20);

    private static readonly Lazy<LoadedPolicy> s_golden = new(TestPolicies.Golden);

    /// <summary>The golden policy as the server loads it (for the whole-body reference mask).</summary>
    public static LoadedPolicy Golden => s_golden.Value;

    /// <summary>An SSE answer with <see cref="TestPolicies.AwsKey"/> inside one event.</summary>
    public static string SseWithKey { get; } =
        "data: {\"delta\":\"Sure, the deploy key is " + TestPolicies.AwsKey + " in eu-west-1.\"}\n\n" +
        "data: {\"delta\":\" Rotate it soon.\"}\n\ndata: [DONE]\n\n";

    /// <summary><see cref="SseWithKey"/> after masking.</summary>
    public static string SseMasked { get; } = SseWithKey.Replace(TestPolicies.AwsKey, TestPolicies.AwsMasked, StringComparison.Ordinal);

    /// <summary>A JSON prompt carrying the fake key.</summary>
    public static string PromptWithKey { get; } = "{\"messages\":[{\"role\":\"user\",\"content\":\"my key is " + TestPolicies.AwsKey + " ok\"}]}";

    /// <summary>POST request headers as a client (then Envoy) sends them.</summary>
    public static HttpHeaderList Post(string path = "/v1/chat/completions", int? contentLength = null)
    {
        var headers = HttpHeaderList.Request("POST", path, "llm.local")
            .Add("content-type", "application/json")
            .Add("accept-encoding", "gzip, deflate, br")
            .Add("x-request-id", "4a3b2c1d");
        if (contentLength is { } length)
        {
            headers.Add("content-length", length.ToString(CultureInfo.InvariantCulture));
        }

        return headers;
    }

    /// <summary>GET request headers.</summary>
    public static HttpHeaderList Get(string path = "/v1/models") =>
        HttpHeaderList.Request("GET", path, "llm.local").Add("accept-encoding", "gzip");

    /// <summary>Response headers with <paramref name="contentType"/> and optional content-length.</summary>
    public static HttpHeaderList Response(string contentType = "text/event-stream", int? contentLength = null, int status = 200)
    {
        var headers = HttpHeaderList.Response(status).Add("content-type", contentType);
        if (contentLength is { } length)
        {
            headers.Add("content-length", length.ToString(CultureInfo.InvariantCulture));
        }

        return headers;
    }

    /// <summary>UTF-8 bytes.</summary>
    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>
    /// Cuts <paramref name="data"/> into chunks of <paramref name="size"/> bytes. The first chunk waits until the
    /// headers answer is in (so it is not coalesced, §2.3); the rest are pipelined.
    /// </summary>
    public static IReadOnlyList<ScriptChunk> Cut(byte[] data, int size) => Cut(data, [size]);

    /// <summary>Cuts <paramref name="text"/> (UTF-8) into chunks of <paramref name="size"/> bytes; see <see cref="Cut(byte[], int)"/>.</summary>
    public static IReadOnlyList<ScriptChunk> Cut(string text, int size) => Cut(Bytes(text), [size]);

    /// <summary>Cuts <paramref name="data"/> with <paramref name="sizes"/> (cycled, each at least 1); first chunk waits.</summary>
    public static IReadOnlyList<ScriptChunk> Cut(byte[] data, IReadOnlyList<int> sizes)
    {
        var chunks = new List<ScriptChunk>();
        var position = 0;
        var index = 0;
        while (position < data.Length)
        {
            var size = Math.Max(1, sizes[index++ % sizes.Count]);
            var end = Math.Min(data.Length, position + size);
            chunks.Add(new ScriptChunk(data[position..end], WaitForAnswersBefore: chunks.Count == 0));
            position = end;
        }

        return chunks;
    }

    /// <summary>The whole body as one chunk fed after the headers answer.</summary>
    public static IReadOnlyList<ScriptChunk> One(string text) => [ScriptChunk.Text(text, waitForAnswersBefore: true)];

    /// <summary>What the golden policy makes of <paramref name="body"/> scanned as one whole body (the reference).</summary>
    public static byte[] MaskWhole(byte[] body) => Golden.Response.MaskAll(body);
}
