namespace Hush.ExtProc.Sinks;

/// <summary>A batch could not be delivered. The message names the failure (status, timeout), never record content or a URL.</summary>
internal sealed class SinkDeliveryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SinkDeliveryException(string message, bool permanent = false, TimeSpan? retryAfter = null, Exception? inner = null)
        : base(message, inner)
    {
        Permanent = permanent;
        RetryAfter = retryAfter;
    }

    /// <summary>Creates an exception for a retryable failure.</summary>
    public SinkDeliveryException()
        : this("delivery failed")
    {
    }

    /// <summary>Creates an exception for a retryable failure.</summary>
    public SinkDeliveryException(string message)
        : this(message, false)
    {
    }

    /// <summary>Creates an exception for a retryable failure.</summary>
    public SinkDeliveryException(string message, Exception inner)
        : this(message, false, null, inner)
    {
    }

    /// <summary>The receiver rejected the content itself: retrying the same batch cannot succeed.</summary>
    public bool Permanent { get; }

    /// <summary>The receiver's Retry-After, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }
}
