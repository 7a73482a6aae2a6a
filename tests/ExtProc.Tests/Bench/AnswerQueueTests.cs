using Envoy.Service.ExtProc.V3;
using Hush.ExtProcBench.H2;

namespace Hush.ExtProc.Tests.Bench;

/// <summary>The lean client's per-stream answer hand-over: order, waking, the end and failures.</summary>
public sealed class AnswerQueueTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task MoveNext_QueuedAndLaterAnswers_TakenInOrderWithTheirTimes()
    {
        var queue = new AnswerQueue();
        var answers = Enumerable.Range(0, 100).Select(_ => new ProcessingResponse()).ToArray();

        // More than the ring holds before the reader takes any, then one at a time while it waits.
        for (var i = 0; i < 40; i++)
        {
            queue.Add(answers[i], i);
        }

        for (var i = 0; i < 100; i++)
        {
            var next = queue.MoveNextAsync();
            if (i >= 40)
            {
                Assert.False(next.IsCompleted);
                queue.Add(answers[i], i);
            }

            Assert.True(await next.AsTask().WaitAsync(s_timeout));
            Assert.Same(answers[i], queue.Current);
            Assert.Equal(i, queue.ArrivedAt);
        }
    }

    [Fact]
    public async Task Complete_WithAnswersLeft_DrainsThemThenEnds()
    {
        var queue = new AnswerQueue();
        var last = new ProcessingResponse();
        queue.Add(last, 7);
        queue.Complete(null);
        queue.Add(new ProcessingResponse(), 8);

        Assert.True(await queue.MoveNextAsync().AsTask().WaitAsync(s_timeout));
        Assert.Same(last, queue.Current);
        Assert.False(await queue.MoveNextAsync().AsTask().WaitAsync(s_timeout));
    }

    [Fact]
    public async Task Complete_WithFailureWhileWaiting_WaiterFailsWithIt()
    {
        var queue = new AnswerQueue();
        var waiting = queue.MoveNextAsync().AsTask();
        Assert.False(waiting.IsCompleted);

        queue.Complete(new IOException("connection lost"));

        var failure = await Assert.ThrowsAsync<IOException>(() => waiting.WaitAsync(s_timeout));
        Assert.Equal("connection lost", failure.Message);
        await Assert.ThrowsAsync<IOException>(() => queue.MoveNextAsync().AsTask().WaitAsync(s_timeout));
    }
}
