namespace Hush.ExtProc.Notifications;

/// <summary>Notifications of new holds (<c>Hush:Notifications</c>). See docs/siem-and-notifications.md.</summary>
internal sealed class NotificationOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Hush:Notifications";

    /// <summary>Where to send; none turns notifications off.</summary>
    public List<WebhookOptions> Webhooks { get; set; } = [];

    /// <summary>Base URL of the review UI (e.g. <c>https://hush-admin.example/ui/</c>); links are left out when unset.</summary>
    public string? ReviewUrl { get; set; }

    /// <summary>Path of one hold's page relative to <see cref="ReviewUrl"/>; <c>{id}</c> is replaced by the hold id.</summary>
    public string ReviewPath { get; set; } = "holds/{id}";

    /// <summary>Notifications waiting per webhook; when full, new ones are dropped (counted).</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Attempts per notification, the first included, before it is given up (counted as failed).</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Delay before the first retry; doubles per retry up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between attempts (also the cap on a receiver's Retry-After).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Time limit of one attempt (connect, send and response headers).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The review page of hold <paramref name="id"/>, or null without <see cref="ReviewUrl"/>.</summary>
    public string? ReviewLink(string id)
    {
        if (string.IsNullOrWhiteSpace(ReviewUrl))
        {
            return null;
        }

        var root = ReviewUrl.EndsWith('/') ? ReviewUrl : ReviewUrl + "/";
        return root + ReviewPath.TrimStart('/').Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal);
    }
}
