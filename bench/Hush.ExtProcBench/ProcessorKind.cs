namespace Hush.ExtProcBench;

/// <summary>Which server configuration a measurement runs against.</summary>
internal enum ProcessorKind
{
    /// <summary>The real server: every body chunk is scanned and secrets are masked with the default policy.</summary>
    Masking,

    /// <summary>
    /// The baseline: same process, same gRPC loop, answers CONTINUE without scanning
    /// (<c>--Hush:PassThrough=true --Hush:AllowPassThrough=true</c>).
    /// </summary>
    PassThrough,
}
