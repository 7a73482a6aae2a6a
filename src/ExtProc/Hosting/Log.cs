namespace Hush.ExtProc.Hosting;

/// <summary>
/// Every log message of the server (source-generated). Messages name files, limits and error kinds, never
/// traffic content: no header value, body byte or matched secret is ever logged.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Policy '{Name}' {Version} loaded from {Path} (sha256 {Sha256}, {Rules} rules, hold-back bound {HoldBack} bytes)")]
    public static partial void PolicyLoaded(ILogger logger, string name, string version, string path, string sha256, int rules, long holdBack);

    [LoggerMessage(2, LogLevel.Error, "Policy reload rejected, the previous policy keeps serving: {Reason}")]
    public static partial void PolicyReloadRejected(ILogger logger, string reason);

    [LoggerMessage(3, LogLevel.Critical, "No policy at start-up: {Reason}")]
    public static partial void PolicyMissingAtStartup(ILogger logger, string reason);

    [LoggerMessage(4, LogLevel.Warning, "Starting NOT_SERVING without a policy (Hush:StartWithoutPolicy=true): {Reason}")]
    public static partial void StartingWithoutPolicy(ILogger logger, string reason);

    [LoggerMessage(5, LogLevel.Warning, "ext_proc stream failed closed ({Kind}): {Detail}")]
    public static partial void StreamFailed(ILogger logger, string kind, string detail);

    [LoggerMessage(6, LogLevel.Error, "ext_proc stream failed with an unexpected error")]
    public static partial void StreamCrashed(ILogger logger, Exception exception);

    [LoggerMessage(7, LogLevel.Warning, "ext_proc stream refused: {Detail}")]
    public static partial void StreamRefused(ILogger logger, string detail);

    [LoggerMessage(8, LogLevel.Information, "Hush listening: ext_proc gRPC (h2c) on {Grpc}, admin HTTP on {Admin}")]
    public static partial void Listening(ILogger logger, string grpc, string admin);

    [LoggerMessage(9, LogLevel.Warning, "Policy hold-back bound {Bound} bytes exceeds Hush:MaxHeldBackBytes {Limit}: streams near the bound will fail closed")]
    public static partial void HoldBackOverLimit(ILogger logger, long bound, int limit);

    [LoggerMessage(11, LogLevel.Warning, "Policy {Path} uses {{hmac}} placeholders but no Hush:PlaceholderKey is set: placeholders are stable within this process only")]
    public static partial void PlaceholderKeyMissing(ILogger logger, string path);

    [LoggerMessage(10, LogLevel.Warning, "PASS-THROUGH MODE: masking is off (benchmark baseline)")]
    public static partial void PassThroughOn(ILogger logger);
    [LoggerMessage(20, LogLevel.Warning, "Audit record dropped: {Reason}")]
    public static partial void AuditDropped(ILogger logger, string reason);

    [LoggerMessage(21, LogLevel.Error, "Audit store failed to append {Count} records ({Error}); retrying, new exchanges are refused meanwhile unless Hush:Audit:FailOpen")]
    public static partial void AuditStoreFailed(ILogger logger, int count, string error);

    [LoggerMessage(22, LogLevel.Information, "Hold {HoldId} raised on route {Route} by rules {Rules}")]
    public static partial void HoldRaised(ILogger logger, string holdId, string route, string rules);

    [LoggerMessage(23, LogLevel.Information, "Hold {HoldId} resolved for its stream: {Resolution}")]
    public static partial void HoldResolved(ILogger logger, string holdId, string resolution);

    [LoggerMessage(24, LogLevel.Error, "Hold {HoldId} could not be recorded or checked ({Error}); the answer is refused")]
    public static partial void HoldFailed(ILogger logger, string holdId, string error);

    [LoggerMessage(25, LogLevel.Warning, "Hold expiry sweep or change feed failed ({Error}); retrying")]
    public static partial void HoldSweepFailed(ILogger logger, string error);

    [LoggerMessage(26, LogLevel.Information, "Audit retention removed {Count} records older than {Days} days")]
    public static partial void AuditRetention(ILogger logger, long count, int days);
}
