namespace Hush.ExtProc.Notifications;

/// <summary>Checks <see cref="NotificationOptions"/>, listing every problem at once (the server refuses to start with any).</summary>
internal static class NotificationOptionsValidator
{
    /// <summary>The problems of <paramref name="options"/>, each naming its setting; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string section = NotificationOptions.Section;
        for (var i = 0; i < options.Webhooks.Count; i++)
        {
            var w = options.Webhooks[i];
            // The URL is not echoed: a Slack webhook URL is a credential.
            if (!IsHttpUrl(w.Url))
            {
                errors.Add($"{section}:Webhooks:{i}:Url must be an absolute http or https URL.");
            }

            if (w.Format is not (WebhookFormat.Json or WebhookFormat.Slack))
            {
                errors.Add($"{section}:Webhooks:{i}:Format must be json or slack.");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.ReviewUrl) && !IsHttpUrl(options.ReviewUrl))
        {
            errors.Add($"{section}:ReviewUrl '{options.ReviewUrl}' is not an absolute http or https URL.");
        }

        if (options.QueueCapacity < 1)
        {
            errors.Add($"{section}:QueueCapacity must be at least 1.");
        }

        if (options.MaxAttempts < 1)
        {
            errors.Add($"{section}:MaxAttempts must be at least 1.");
        }

        if (options.InitialBackoff < TimeSpan.Zero || options.MaxBackoff < options.InitialBackoff)
        {
            errors.Add($"{section}:InitialBackoff must not be negative nor above MaxBackoff.");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{section}:Timeout must be positive.");
        }

        return errors;
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
}
