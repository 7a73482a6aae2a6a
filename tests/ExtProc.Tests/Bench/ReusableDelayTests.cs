using Hush.ExtProcBench.Load;
using Microsoft.Extensions.Time.Testing;

namespace Hush.ExtProc.Tests.Bench;

/// <summary>The load generator's per-slot pacing timer, on a fake clock.</summary>
public sealed class ReusableDelayTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task WaitAsync_Repeatedly_EachCompletesOnlyWhenItsTimeHasCome()
    {
        var time = new FakeTimeProvider();
        using var delay = new ReusableDelay(time, CancellationToken.None);
        for (var i = 1; i <= 3; i++)
        {
            var wait = delay.WaitAsync(TimeSpan.FromMilliseconds(20 * i)).AsTask();
            time.Advance(TimeSpan.FromMilliseconds((20 * i) - 1));
            Assert.False(wait.IsCompleted);
            time.Advance(TimeSpan.FromMilliseconds(1));
            await wait.WaitAsync(s_timeout);
        }
    }

    [Fact]
    public async Task Abort_DuringAWait_FailsItAndLaterWaitsAtOnce()
    {
        var time = new FakeTimeProvider();
        using var abort = new CancellationTokenSource();
        using var delay = new ReusableDelay(time, abort.Token);
        var wait = delay.WaitAsync(TimeSpan.FromSeconds(1)).AsTask();

        await abort.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(s_timeout));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Throws<OperationCanceledException>(() => delay.WaitAsync(TimeSpan.FromSeconds(1)));
    }
}
