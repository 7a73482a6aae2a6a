using Microsoft.Extensions.Logging;

namespace Hush.ExtProc.Postgres;

/// <summary>Log messages of the PostgreSQL stores. They carry types, codes and channel names: never data or connection strings.</summary>
internal static partial class PostgresLog
{
    /// <summary>The hold watch connection is listening.</summary>
    [LoggerMessage(701, LogLevel.Debug, "Hold watch listening on PostgreSQL channel {Channel}")]
    public static partial void WatchListening(ILogger logger, string channel);

    /// <summary>The hold watch connection failed or dropped; it reconnects after a delay.</summary>
    [LoggerMessage(702, LogLevel.Warning, "Hold watch connection lost ({Error}, SQLSTATE {SqlState}); reconnecting in {DelayMs} ms")]
    public static partial void WatchLost(ILogger logger, string error, string? sqlState, double delayMs);

    /// <summary>A watch subscriber threw; the feed goes on.</summary>
    [LoggerMessage(703, LogLevel.Error, "Hold watch subscriber failed ({Error}); the feed goes on")]
    public static partial void WatchCallbackFailed(ILogger logger, string error);
}
