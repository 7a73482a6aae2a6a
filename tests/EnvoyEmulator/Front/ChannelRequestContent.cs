using System.Net;
using System.Threading.Channels;

namespace Hush.EnvoyEmulator.Front;

/// <summary>An upstream request body streamed from what the filter releases, chunk by chunk, flushed each time.</summary>
internal sealed class ChannelRequestContent(ChannelReader<OutputItem> reader) : HttpContent
{
    /// <inheritdoc/>
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await foreach (var item in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (item.Kind == OutputItemKind.Data && item.Data is { Length: > 0 })
            {
                await stream.WriteAsync(item.Data, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            if (item.EndOfStream)
            {
                break;
            }
        }
    }

    /// <inheritdoc/>
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    /// <inheritdoc/>
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
