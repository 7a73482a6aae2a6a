namespace Hush.ExtProc.Sinks;

/// <summary>
/// One streaming copy of the audit trail (<c>Hush:Audit:Sinks:N</c>). Every stored record is sent once, in chain order,
/// as its canonical JSON line (with the hash). See docs/siem-and-notifications.md.
/// </summary>
internal sealed class SinkOptions
{
    /// <summary>The sink's name: unique, the <c>sink</c> label of its metrics.</summary>
    public string Name { get; set; } = "";

    /// <summary><c>http</c> or <c>syslog</c>.</summary>
    public SinkType Type { get; set; } = SinkType.Http;

    /// <summary>http: absolute http(s) URL the batches are POSTed to.</summary>
    public string? Url { get; set; }

    /// <summary>http: extra request headers (an authorization token, a Splunk channel, …). Never logged.</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Most records in one HTTP request or one syslog write.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>http: how long a partial batch waits for more records before it is sent (zero sends at once).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>syslog: the collector's host name or address.</summary>
    public string? Host { get; set; }

    /// <summary>syslog: the collector's TCP port.</summary>
    public int Port { get; set; } = 514;

    /// <summary>syslog: the APP-NAME header field.</summary>
    public string AppName { get; set; } = "hush";

    /// <summary>syslog: the facility (0–23); 13 is "log audit" in RFC 5424.</summary>
    public int Facility { get; set; } = 13;

    /// <summary>syslog: the HOSTNAME header field (defaults to the machine name).</summary>
    public string? Hostname { get; set; }

    /// <summary>Records waiting to be sent; when full the oldest waiting record is dropped (counted).</summary>
    public int QueueCapacity { get; set; } = 10000;

    /// <summary>Delay before the first retry of a failed batch; doubles per retry up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between retries (also the cap on a server's Retry-After).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time limit of one HTTP request, or of one syslog connect or write.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>At shutdown, how long the sink keeps sending what is queued before it gives up (the rest is counted dropped).</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
