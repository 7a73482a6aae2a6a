using System.Text;
using Envoy.Config.Core.V3;
using Envoy.Service.ExtProc.V3;
using Hush.EnvoyEmulator.Exchange;
using Hush.EnvoyEmulator.Filter;

namespace Hush.ExtProc.Tests.Conformance;

/// <summary>
/// Invariants every conformance test checks on the side stream: no spurious answer, no rejected or forbidden header
/// mutation, headers written to raw_value only, every message answered exactly once and in order per direction.
/// </summary>
internal static class ProtocolChecks
{
    /// <summary>Counters show no spurious message and no rejected mutation; every answer's mutations are allowed.</summary>
    public static void AssertClean(IReadOnlyList<TranscriptEntry> transcript, ExtProcCounters counters)
    {
        Assert.True(counters.SpuriousMsgsReceived == 0, $"spurious answers: {counters}\n{Describe(transcript)}");
        Assert.True(counters.RejectedHeaderMutations == 0, $"rejected header mutations: {counters}");
        foreach (var entry in transcript)
        {
            if (entry.Response is { } answer)
            {
                foreach (var mutation in MutationsOf(answer))
                {
                    AssertAllowed(mutation);
                }

                // A timer extension (sent while a held answer waits) must stand alone: Envoy ignores anything else in it.
                if (answer.OverrideMessageTimeout is not null)
                {
                    Assert.Equal(ProcessingResponse.ResponseOneofCase.None, answer.ResponseCase);
                }
            }
        }
    }

    /// <summary>
    /// Within each direction, the answers pair with the messages FIFO and by kind, each exactly once; an immediate
    /// response ends the pairing. Body messages of a FULL_DUPLEX_STREAMED direction are not paired (FDS answers are
    /// free-standing). With <paramref name="allAnswered"/> no message may be left without its answer.
    /// </summary>
    public static void AssertAnsweredInOrder(
        IReadOnlyList<TranscriptEntry> transcript,
        bool allAnswered = true,
        bool requestFullDuplex = false,
        bool responseFullDuplex = false)
    {
        var request = new Queue<ProcessingRequest.RequestOneofCase>();
        var response = new Queue<ProcessingRequest.RequestOneofCase>();
        var terminated = false;
        foreach (var entry in transcript)
        {
            if (entry.Request is { } sent)
            {
                Assert.False(terminated, "Envoy sent a message after an immediate response");
                var (queue, fullDuplex) = IsRequestPath(sent.RequestCase) ? (request, requestFullDuplex) : (response, responseFullDuplex);
                if (!(fullDuplex && IsBody(sent.RequestCase)))
                {
                    queue.Enqueue(sent.RequestCase);
                }

                continue;
            }

            var answer = entry.Response!;
            Assert.False(terminated, $"answer after the immediate response: {answer.ResponseCase}");
            if (answer.ResponseCase == ProcessingResponse.ResponseOneofCase.ImmediateResponse)
            {
                terminated = true;
                continue;
            }

            if (answer.ResponseCase == ProcessingResponse.ResponseOneofCase.None && answer.OverrideMessageTimeout is not null)
            {
                continue; // a timer extension, not an answer
            }

            var kind = Enum.Parse<ProcessingRequest.RequestOneofCase>(answer.ResponseCase.ToString());
            var isRequest = IsRequestPath(kind);
            if ((isRequest ? requestFullDuplex : responseFullDuplex) && IsBody(kind))
            {
                continue;
            }

            var pending = isRequest ? request : response;
            Assert.True(pending.Count > 0, $"answer {answer.ResponseCase} with no message outstanding\n{Describe(transcript)}");
            Assert.Equal(pending.Dequeue(), kind);
        }

        if (allAnswered && !terminated)
        {
            Assert.True(request.Count == 0 && response.Count == 0, $"unanswered messages\n{Describe(transcript)}");
        }
    }

    /// <summary>The fake secret appears neither in any chunk the downstream received nor in their concatenation.</summary>
    public static void AssertNoSecret(DownstreamRecord downstream, string secret)
    {
        var needle = Encoding.UTF8.GetBytes(secret);
        foreach (var chunk in downstream.BodyChunks)
        {
            Assert.True(chunk.AsSpan().IndexOf(needle) < 0, "a downstream chunk carries the unmasked secret");
        }

        Assert.True(downstream.Body.AsSpan().IndexOf(needle) < 0, "the downstream body carries the unmasked secret");
        foreach (var (key, value) in downstream.Headers?.Entries ?? [])
        {
            Assert.False(value.Contains(secret, StringComparison.Ordinal), $"header {key} carries the secret");
        }
    }

    /// <summary>A one-line-per-entry dump for failure messages (kinds and sizes only, never bodies).</summary>
    public static string Describe(IReadOnlyList<TranscriptEntry> transcript)
    {
        var text = new StringBuilder();
        foreach (var entry in transcript)
        {
            text.Append(entry.Request is { } r
                ? $"> {r.RequestCase}{BodyInfo(r)}\n"
                : $"< {entry.Response!.ResponseCase}\n");
        }

        return text.ToString();
    }

    private static string BodyInfo(ProcessingRequest r) => r.RequestCase switch
    {
        ProcessingRequest.RequestOneofCase.RequestBody => $" ({r.RequestBody.Body.Length} B, eos={r.RequestBody.EndOfStream})",
        ProcessingRequest.RequestOneofCase.ResponseBody => $" ({r.ResponseBody.Body.Length} B, eos={r.ResponseBody.EndOfStream})",
        ProcessingRequest.RequestOneofCase.RequestHeaders => $" (eos={r.RequestHeaders.EndOfStream})",
        ProcessingRequest.RequestOneofCase.ResponseHeaders => $" (eos={r.ResponseHeaders.EndOfStream})",
        _ => "",
    };

    private static bool IsRequestPath(ProcessingRequest.RequestOneofCase kind) => kind is ProcessingRequest.RequestOneofCase.RequestHeaders
        or ProcessingRequest.RequestOneofCase.RequestBody or ProcessingRequest.RequestOneofCase.RequestTrailers;

    private static bool IsBody(ProcessingRequest.RequestOneofCase kind) =>
        kind is ProcessingRequest.RequestOneofCase.RequestBody or ProcessingRequest.RequestOneofCase.ResponseBody;

    private static IEnumerable<HeaderMutation> MutationsOf(ProcessingResponse answer)
    {
        HeaderMutation?[] all =
        [
            answer.RequestHeaders?.Response?.HeaderMutation,
            answer.ResponseHeaders?.Response?.HeaderMutation,
            answer.RequestBody?.Response?.HeaderMutation,
            answer.ResponseBody?.Response?.HeaderMutation,
            answer.RequestTrailers?.HeaderMutation,
            answer.ResponseTrailers?.HeaderMutation,
            answer.ImmediateResponse?.Headers,
        ];
        return all.OfType<HeaderMutation>();
    }

    private static void AssertAllowed(HeaderMutation mutation)
    {
        foreach (var option in mutation.SetHeaders)
        {
            var key = option.Header.Key;
            Assert.Equal(key.ToLowerInvariant(), key);
            Assert.False(IsForbidden(key), $"set of forbidden header {key}");
            Assert.True(option.Header.Value.Length == 0, $"header {key} written to value instead of raw_value");
            Assert.True(option.Header.RawValue.Length > 0, $"header {key} set without raw_value");
            Assert.Equal(HeaderValueOption.Types.HeaderAppendAction.AppendIfExistsOrAdd, option.AppendAction);
        }

        foreach (var key in mutation.RemoveHeaders)
        {
            Assert.False(IsForbidden(key) || key.StartsWith(':'), $"removal of forbidden header {key}");
        }
    }

    private static bool IsForbidden(string key) =>
        key is ":authority" or "host" or ":scheme" or ":method" || key.StartsWith("x-envoy", StringComparison.OrdinalIgnoreCase);
}
