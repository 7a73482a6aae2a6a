using Hush.EnvoyEmulator.Filter;

namespace Hush.EnvoyEmulator.Exchange;

/// <summary>An <see cref="IFilterOutput"/> that records what reaches the upstream and the downstream, with signals.</summary>
public sealed class RecordingOutput : IFilterOutput
{
    private readonly Lock _lock = new();

    /// <summary>What the upstream received.</summary>
    public UpstreamRecord Upstream { get; } = new();

    /// <summary>What the downstream received.</summary>
    public DownstreamRecord Downstream { get; } = new();

    /// <summary>Request headers reached the upstream.</summary>
    public TaskCompletionSource UpstreamHeadersSeen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The whole request reached the upstream.</summary>
    public TaskCompletionSource UpstreamComplete { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A local reply or reset ended the stream.</summary>
    public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <inheritdoc/>
    public void OnUpstreamHeaders(HttpHeaderList headers, bool endOfStream)
    {
        lock (_lock)
        {
            Upstream.Headers = headers.Clone();
            Upstream.EndOfStream = endOfStream;
        }

        UpstreamHeadersSeen.TrySetResult();
        if (endOfStream)
        {
            UpstreamComplete.TrySetResult();
        }
    }

    /// <inheritdoc/>
    public void OnUpstreamData(byte[] data, bool endOfStream)
    {
        lock (_lock)
        {
            Upstream.Chunks.Add(data);
            Upstream.EndOfStream = endOfStream;
        }

        if (endOfStream)
        {
            UpstreamComplete.TrySetResult();
        }
    }

    /// <inheritdoc/>
    public void OnUpstreamTrailers(HttpHeaderList trailers)
    {
        lock (_lock)
        {
            Upstream.Trailers = trailers.Clone();
            Upstream.EndOfStream = true;
        }

        UpstreamComplete.TrySetResult();
    }

    /// <inheritdoc/>
    public void OnDownstreamHeaders(HttpHeaderList headers, bool endOfStream)
    {
        lock (_lock)
        {
            Downstream.Headers = headers.Clone();
            Downstream.EndOfStream = endOfStream;
        }
    }

    /// <inheritdoc/>
    public void OnDownstreamData(byte[] data, bool endOfStream)
    {
        lock (_lock)
        {
            Downstream.Chunks.Add(data);
            Downstream.EndOfStream = endOfStream;
        }
    }

    /// <inheritdoc/>
    public void OnDownstreamTrailers(HttpHeaderList trailers)
    {
        lock (_lock)
        {
            Downstream.Trailers = trailers.Clone();
            Downstream.EndOfStream = true;
        }
    }

    /// <inheritdoc/>
    public void OnLocalReply(LocalReply reply)
    {
        lock (_lock)
        {
            Downstream.Headers = reply.Headers.Clone();
            Downstream.Chunks.Clear();
            Downstream.Chunks.Add(reply.Body);
            Downstream.LocalReply = reply;
            Downstream.Details = reply.Details;
            Downstream.EndOfStream = true;
        }

        Ended.TrySetResult();
    }

    /// <inheritdoc/>
    public void OnReset(string details)
    {
        lock (_lock)
        {
            Downstream.Reset = true;
            Downstream.Details = details;
        }

        Ended.TrySetResult();
    }
}
