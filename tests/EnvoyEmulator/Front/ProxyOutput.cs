using System.Threading.Channels;
using Hush.EnvoyEmulator.Filter;

namespace Hush.EnvoyEmulator.Front;

/// <summary>Queues what the filter releases for the proxy's upstream sender and downstream writer.</summary>
internal sealed class ProxyOutput : IFilterOutput
{
    /// <summary>Towards the upstream.</summary>
    public Channel<OutputItem> Upstream { get; } = Channel.CreateUnbounded<OutputItem>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Towards the downstream client.</summary>
    public Channel<OutputItem> Downstream { get; } = Channel.CreateUnbounded<OutputItem>(new UnboundedChannelOptions { SingleReader = true });

    /// <inheritdoc/>
    public void OnUpstreamHeaders(HttpHeaderList headers, bool endOfStream) =>
        Write(Upstream, new OutputItem { Kind = OutputItemKind.Headers, Headers = headers.Clone(), EndOfStream = endOfStream });

    /// <inheritdoc/>
    public void OnUpstreamData(byte[] data, bool endOfStream) =>
        Write(Upstream, new OutputItem { Kind = OutputItemKind.Data, Data = data, EndOfStream = endOfStream });

    /// <inheritdoc/>
    public void OnUpstreamTrailers(HttpHeaderList trailers) =>
        Write(Upstream, new OutputItem { Kind = OutputItemKind.Trailers, Headers = trailers.Clone(), EndOfStream = true });

    /// <inheritdoc/>
    public void OnDownstreamHeaders(HttpHeaderList headers, bool endOfStream) =>
        Write(Downstream, new OutputItem { Kind = OutputItemKind.Headers, Headers = headers.Clone(), EndOfStream = endOfStream });

    /// <inheritdoc/>
    public void OnDownstreamData(byte[] data, bool endOfStream) =>
        Write(Downstream, new OutputItem { Kind = OutputItemKind.Data, Data = data, EndOfStream = endOfStream });

    /// <inheritdoc/>
    public void OnDownstreamTrailers(HttpHeaderList trailers) =>
        Write(Downstream, new OutputItem { Kind = OutputItemKind.Trailers, Headers = trailers.Clone(), EndOfStream = true });

    /// <inheritdoc/>
    public void OnLocalReply(LocalReply reply)
    {
        // The upstream request is abandoned, as Envoy resets it when it sends a local reply.
        Upstream.Writer.TryComplete(new OperationCanceledException("local reply"));
        Write(Downstream, new OutputItem { Kind = OutputItemKind.LocalReply, Reply = reply, EndOfStream = true });
    }

    /// <inheritdoc/>
    public void OnReset(string details)
    {
        Upstream.Writer.TryComplete(new OperationCanceledException("reset"));
        Write(Downstream, new OutputItem { Kind = OutputItemKind.Reset, Details = details, EndOfStream = true });
    }

    private static void Write(Channel<OutputItem> channel, OutputItem item)
    {
        channel.Writer.TryWrite(item);
        if (item.EndOfStream)
        {
            channel.Writer.TryComplete();
        }
    }
}
