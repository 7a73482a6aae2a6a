namespace Hush.ExtProc.Notifications;

/// <summary>The payload a webhook receives.</summary>
internal enum WebhookFormat
{
    /// <summary>Hush's generic JSON object (<c>"type":"hush.hold.created"</c>).</summary>
    Json,

    /// <summary>A Slack incoming-webhook message (<c>text</c> plus Block Kit <c>blocks</c>).</summary>
    Slack,
}
