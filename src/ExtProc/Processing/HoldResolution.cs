namespace Hush.ExtProc.Processing;

/// <summary>How a raised hold ends for the stream that raised it.</summary>
internal enum HoldResolution
{
    /// <summary>Approved within the inline window: the masked answer continues.</summary>
    Released,

    /// <summary>An approver denied it: refusal.</summary>
    Denied,

    /// <summary>It expired before anyone decided: refusal.</summary>
    Expired,

    /// <summary>The inline window passed: the caller is told how to collect the answer after approval.</summary>
    Deferred,

    /// <summary>The hold could not be persisted or checked: refusal (fail closed).</summary>
    Failed,
}
