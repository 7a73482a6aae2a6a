namespace Hush.ExtProc.Sinks;

/// <summary>Where a SIEM sink sends audit records.</summary>
internal enum SinkType
{
    /// <summary>HTTP POST of JSON-lines batches (<c>application/x-ndjson</c>).</summary>
    Http,

    /// <summary>RFC 5424 syslog over TCP with RFC 6587 octet-counting framing.</summary>
    Syslog,
}
