namespace Hush.ExtProc.Tests.Support;

/// <summary>Polls a condition that becomes true asynchronously (a file watcher, a reload), with a hard timeout.</summary>
internal static class Eventually
{
    /// <summary>Waits until <paramref name="condition"/> holds; fails after <paramref name="timeoutSeconds"/>.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, int timeoutSeconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            if (await condition().WaitAsync(TimeSpan.FromSeconds(timeoutSeconds)))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"condition not met within {timeoutSeconds} s");
            }

            await Task.Delay(50);
        }
    }
}
