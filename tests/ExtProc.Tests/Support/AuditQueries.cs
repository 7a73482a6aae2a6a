using Hush.ExtProc.Audit;

namespace Hush.ExtProc.Tests.Support;

/// <summary>Reading an audit store back in tests, whichever store it is.</summary>
internal static class AuditQueries
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    /// <summary>Every record matching <paramref name="filter"/>, in order.</summary>
    public static async Task<List<AuditRecord>> Collect(IAuditStore store, AuditFilter filter)
    {
        using var cts = new CancellationTokenSource(s_timeout);
        var list = new List<AuditRecord>();
        await foreach (var record in store.QueryAsync(filter, cts.Token))
        {
            list.Add(record);
        }

        return list;
    }

    /// <summary><paramref name="filter"/> returns exactly the records of <paramref name="all"/> that satisfy <paramref name="expected"/> (and some do).</summary>
    public static async Task AssertMatches(IAuditStore store, AuditFilter filter, List<AuditRecord> all, Func<AuditRecord, bool> expected)
    {
        var want = all.Where(expected).Select(r => r.Sequence).ToList();
        Assert.NotEmpty(want);
        Assert.Equal(want, (await Collect(store, filter)).Select(r => r.Sequence));
    }
}
