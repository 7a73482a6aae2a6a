using System.Buffers;
using System.Text;
using Envoy.Service.ExtProc.V3;
using Hush.ExtProc.Approvals;
using Hush.ExtProc.Hosting;
using Hush.ExtProc.Metrics;
using Hush.ExtProc.Policies;
using Hush.ExtProc.Processing;
using Hush.ExtProc.Tests.Support;
using static Hush.ExtProc.Tests.Support.Messages;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;

namespace Hush.ExtProc.Tests.Processing;

/// <summary>
/// Streamed answer bodies live in pooled buffers until <see cref="StreamProcessor.AnswersSent"/>: answers the service
/// already wrote may give theirs back, answers the processor keeps (withheld until a hold decision) must not.
/// </summary>
public sealed class StreamProcessorLendingTests
{
    private static readonly Lazy<LoadedPolicy> s_default = new(() => TestPolicies.FromBytes(RepoPaths.DefaultPolicy));

    // Cut inside events, so every chunk's answer is a rewritten body (the complete events so far).
    private const string Body =
        "data: {\"choices\":[{\"delta\":{\"content\":\"step one:\\n\"}}]}\n\n" +
        "data: {\"choices\":[{\"delta\":{\"content\":\"then step two\"}}]}\n\n" +
        "data: {\"choices\":[{\"delta\":{\"content\":\"done\"}}]}\n\ndata: [DONE]\n\n";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AnswersSent_EveryAnswerKeepsItsBytesWhilePooledBuffersAreReused(bool withoutWaiting)
    {
        // Like the service: each call's answers are read (serialised) before AnswersSent, and then the pool's buffers
        // are reused. Without waiting, every answer is withheld until the body ends (no hold rule fires here) and
        // released by the last call: those answers outlive the AnswersSent calls of the messages they answer.
        using var processor = Create();
        processor.Handle(RequestHeaders(responseMode: BodyMode.Streamed, withoutWaiting: withoutWaiting));
        processor.AnswersSent();
        processor.Handle(ResponseHeaders());
        processor.AnswersSent();
        var bytes = Encoding.UTF8.GetBytes(Body);
        var chunks = new List<byte[]>();
        for (var at = 0; at < bytes.Length; at += 37)
        {
            chunks.Add(bytes[at..Math.Min(bytes.Length, at + 37)]);
        }

        var released = new List<byte>();
        var answered = 0;
        for (var i = 0; i < chunks.Count; i++)
        {
            foreach (var answer in processor.Handle(ResponseBody(chunks[i], endOfStream: i == chunks.Count - 1)))
            {
                if (answer.ResponseCase == ProcessingResponse.ResponseOneofCase.ResponseBody)
                {
                    // Answers come in chunk order (withheld ones all at the end).
                    released.AddRange(Released(answer.ResponseBody, chunks[answered++]));
                }
            }

            processor.AnswersSent();
            Poison();
        }

        Assert.Null(processor.RaisedHold);
        Assert.Equal(chunks.Count, answered);
        Assert.Equal(Body, Encoding.UTF8.GetString(released.ToArray()));
    }

    [Fact]
    public void Handle_WithoutAnswersSent_EarlierAnswersStayIntact()
    {
        // Tests and tools keep answers and never call AnswersSent: nothing may reuse their buffers.
        using var processor = Create();
        processor.Handle(RequestHeaders(responseMode: BodyMode.Streamed));
        processor.Handle(ResponseHeaders());
        var bytes = Encoding.UTF8.GetBytes(Body);
        var released = new List<byte>();
        var kept = new List<(ProcessingResponse Answer, byte[] Chunk)>();
        for (var at = 0; at < bytes.Length; at += 23)
        {
            var chunk = bytes[at..Math.Min(bytes.Length, at + 23)];
            kept.AddRange(processor.Handle(ResponseBody(chunk, endOfStream: at + 23 >= bytes.Length)).Select(a => (a, chunk)));
            Poison();
        }

        foreach (var (answer, chunk) in kept)
        {
            released.AddRange(Released(answer.ResponseBody, chunk));
        }

        Assert.Equal(Body, Encoding.UTF8.GetString(released.ToArray()));
    }

    [Fact]
    public void AnswersSent_NextChunkReusesTheWrittenAnswer_KeptAnswersAreNeverReused()
    {
        using var processor = Create();
        processor.Handle(RequestHeaders(responseMode: BodyMode.Streamed));
        processor.Handle(ResponseHeaders());
        var bytes = Encoding.UTF8.GetBytes(Body);
        var third = bytes.Length / 3;

        var first = Assert.Single(processor.Handle(ResponseBody(bytes[..third])));
        var firstReleased = Released(first.ResponseBody, bytes[..third]);
        processor.AnswersSent();
        var second = Assert.Single(processor.Handle(ResponseBody(bytes[third..(2 * third)])));
        var secondReleased = Released(second.ResponseBody, bytes[third..(2 * third)]);

        // Not sent: the caller may still read it, so the last chunk gets an answer of its own.
        var last = Assert.Single(processor.Handle(ResponseBody(bytes[(2 * third)..], endOfStream: true)));

        Assert.Same(first, second);
        Assert.NotSame(second, last);
        Assert.Equal(secondReleased, Released(second.ResponseBody, bytes[third..(2 * third)]));
        Assert.Equal(Body, Encoding.UTF8.GetString([.. firstReleased, .. secondReleased, .. Released(last.ResponseBody, bytes[(2 * third)..])]));
    }

    // Rents the pool's small buffers on this thread, overwrites them and gives them back: a body still pointing into
    // a returned buffer would read 'X's.
    private static void Poison()
    {
        for (var size = 16; size <= 4096; size *= 2)
        {
            var rented = new byte[8][];
            for (var i = 0; i < rented.Length; i++)
            {
                rented[i] = ArrayPool<byte>.Shared.Rent(size);
                rented[i].AsSpan().Fill((byte)'X');
            }

            foreach (var buffer in rented)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static StreamProcessor Create()
    {
        var settings = new ProcessorSettings(new HushOptions()) { Holds = new HoldSettings(new HoldOptions()), AuditBodyBytes = 4096 };
        return new StreamProcessor(s_default.Value, settings, TimeProvider.System, new HushMetrics(Prometheus.Metrics.NewCustomRegistry()));
    }
}
