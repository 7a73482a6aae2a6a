namespace Hush.ExtProcBench.Load;

/// <summary>Opens ext_proc streams over one HTTP/2 connection.</summary>
internal interface IProcessClient
{
    /// <summary>Starts a new <c>Process</c> stream; <paramref name="abort"/> cancels it.</summary>
    IProcessCall Open(CancellationToken abort);
}
