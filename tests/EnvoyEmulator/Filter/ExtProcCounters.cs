namespace Hush.EnvoyEmulator.Filter;

/// <summary>Envoy-like ext_proc filter stats (<c>http.&lt;prefix&gt;.ext_proc.*</c>); thread-safe, shareable across filters.</summary>
public sealed class ExtProcCounters
{
    private long _streamsStarted;
    private long _streamMsgsSent;
    private long _streamMsgsReceived;
    private long _spuriousMsgsReceived;
    private long _messageTimeouts;
    private long _overrideMessageTimeoutReceived;
    private long _overrideMessageTimeoutIgnored;
    private long _rejectedHeaderMutations;
    private long _streamsClosed;
    private long _streamsFailed;
    private long _failureModeAllowed;

    /// <summary><c>streams_started</c>: side streams opened.</summary>
    public long StreamsStarted => Interlocked.Read(ref _streamsStarted);

    /// <summary><c>stream_msgs_sent</c>.</summary>
    public long StreamMsgsSent => Interlocked.Read(ref _streamMsgsSent);

    /// <summary><c>stream_msgs_received</c>.</summary>
    public long StreamMsgsReceived => Interlocked.Read(ref _streamMsgsReceived);

    /// <summary><c>spurious_msgs_received</c>.</summary>
    public long SpuriousMsgsReceived => Interlocked.Read(ref _spuriousMsgsReceived);

    /// <summary><c>message_timeouts</c>.</summary>
    public long MessageTimeouts => Interlocked.Read(ref _messageTimeouts);

    /// <summary><c>override_message_timeout_received</c>.</summary>
    public long OverrideMessageTimeoutReceived => Interlocked.Read(ref _overrideMessageTimeoutReceived);

    /// <summary><c>override_message_timeout_ignored</c>.</summary>
    public long OverrideMessageTimeoutIgnored => Interlocked.Read(ref _overrideMessageTimeoutIgnored);

    /// <summary><c>rejected_header_mutations</c>.</summary>
    public long RejectedHeaderMutations => Interlocked.Read(ref _rejectedHeaderMutations);

    /// <summary><c>streams_closed</c>: the server ended the call with OK.</summary>
    public long StreamsClosed => Interlocked.Read(ref _streamsClosed);

    /// <summary><c>streams_failed</c>: the call ended with a non-OK status.</summary>
    public long StreamsFailed => Interlocked.Read(ref _streamsFailed);

    /// <summary><c>failure_mode_allowed</c>: an error was tolerated because of failure_mode_allow.</summary>
    public long FailureModeAllowed => Interlocked.Read(ref _failureModeAllowed);

    internal void IncStreamsStarted() => Interlocked.Increment(ref _streamsStarted);

    internal void IncStreamMsgsSent() => Interlocked.Increment(ref _streamMsgsSent);

    internal void IncStreamMsgsReceived() => Interlocked.Increment(ref _streamMsgsReceived);

    internal void IncSpurious() => Interlocked.Increment(ref _spuriousMsgsReceived);

    internal void IncMessageTimeouts() => Interlocked.Increment(ref _messageTimeouts);

    internal void IncOverrideReceived() => Interlocked.Increment(ref _overrideMessageTimeoutReceived);

    internal void IncOverrideIgnored() => Interlocked.Increment(ref _overrideMessageTimeoutIgnored);

    internal void IncRejectedHeaderMutations() => Interlocked.Increment(ref _rejectedHeaderMutations);

    internal void IncStreamsClosed() => Interlocked.Increment(ref _streamsClosed);

    internal void IncStreamsFailed() => Interlocked.Increment(ref _streamsFailed);

    internal void IncFailureModeAllowed() => Interlocked.Increment(ref _failureModeAllowed);

    /// <inheritdoc/>
    public override string ToString() =>
        $"started={StreamsStarted} sent={StreamMsgsSent} received={StreamMsgsReceived} spurious={SpuriousMsgsReceived} " +
        $"timeouts={MessageTimeouts} override_received={OverrideMessageTimeoutReceived} override_ignored={OverrideMessageTimeoutIgnored} " +
        $"rejected_mutations={RejectedHeaderMutations} closed={StreamsClosed} failed={StreamsFailed} failure_mode_allowed={FailureModeAllowed}";
}
