namespace Hush.ExtProc.Api;

/// <summary>
/// Log messages of the approvals API (source-generated, event ids 500+). They name holds, subjects and error codes,
/// never tokens, excerpts or justifications.
/// </summary>
internal static partial class ApiLog
{
    [LoggerMessage(501, LogLevel.Information, "Hold {HoldId} {Decision} by {Approver}")]
    public static partial void Decided(ILogger logger, string holdId, string decision, string approver);

    [LoggerMessage(502, LogLevel.Warning, "Decision on hold {HoldId} by {Approver} refused: {Error}")]
    public static partial void DecisionRefused(ILogger logger, string holdId, string approver, string error);

    [LoggerMessage(503, LogLevel.Information, "API request refused (401): {Error}")]
    public static partial void Unauthorized(ILogger logger, string error);

    [LoggerMessage(504, LogLevel.Warning, "Audit export for {Subject} failed")]
    public static partial void ExportFailed(ILogger logger, string subject, Exception exception);
}
