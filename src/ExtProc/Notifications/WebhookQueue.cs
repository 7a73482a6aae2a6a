using System.Threading.Channels;
using Hush.ExtProc.Approvals;

namespace Hush.ExtProc.Notifications;

/// <summary>
/// One webhook and its own bounded queue. Each webhook has its own sender so a slow or dead endpoint delays only its
/// own notifications, in order, never another webhook's.
/// </summary>
internal sealed class WebhookQueue
{
    /// <summary>Creates the queue of webhook number <paramref name="index"/>.</summary>
    public WebhookQueue(int index, WebhookOptions options, int capacity)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Url = new Uri(options.Url, UriKind.Absolute);
        FormatLabel = options.Format == WebhookFormat.Slack ? "slack" : "json";
        // Position, format and host only: the URL path of a Slack webhook is its credential.
        Label = $"#{index} ({FormatLabel} to {Url.Host})";
        // Wait mode makes TryWrite fail when full, so the caller counts the drop (DropWrite would drop silently).
        Queue = Channel.CreateBounded<HoldRecord>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    /// <summary>The webhook's settings.</summary>
    public WebhookOptions Options { get; }

    /// <summary>The parsed URL.</summary>
    public Uri Url { get; }

    /// <summary>The metric label: <c>json</c> or <c>slack</c>.</summary>
    public string FormatLabel { get; }

    /// <summary>How logs name this webhook.</summary>
    public string Label { get; }

    /// <summary>Holds waiting to be sent.</summary>
    public Channel<HoldRecord> Queue { get; }
}
