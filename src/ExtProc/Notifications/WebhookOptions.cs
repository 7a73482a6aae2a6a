namespace Hush.ExtProc.Notifications;

/// <summary>One webhook told about new holds (<c>Hush:Notifications:Webhooks:N</c>).</summary>
internal sealed class WebhookOptions
{
    /// <summary>Absolute http(s) URL. Treated as a secret (a Slack webhook URL is one): never logged, never a metric label.</summary>
    public string Url { get; set; } = "";

    /// <summary><c>json</c> or <c>slack</c>.</summary>
    public WebhookFormat Format { get; set; } = WebhookFormat.Json;

    /// <summary>Extra request headers (an authorization header, …). Never logged.</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
