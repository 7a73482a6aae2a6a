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

    /// <summary>
    /// The masking server fed the same SSE bytes labelled <c>text/plain</c>, so its raw-byte codec scans them: the
    /// baseline the SSE-aware codec is compared with through the ext_proc path (issue 4).
    /// </summary>
    MaskingRaw,

    /// <summary>
    /// The masking server with <c>--Hush:Audit:MaxMaskedBytes=0</c>: audit records are still written, without the
    /// masked bodies. Splits the masking cost into scanning and the audit trail's body copies.
    /// </summary>
    MaskingNoAuditBodies,
}
