namespace Hush.ExtProc.Sinks;

/// <summary>Checks the configured sinks, listing every problem at once (the server refuses to start with any).</summary>
internal static class SinkOptionsValidator
{
    /// <summary>The problems of <paramref name="sinks"/>, each naming its setting; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<SinkOptions> sinks)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        var errors = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sinks.Count; i++)
        {
            var s = sinks[i];
            var label = $"{SinkServiceCollectionExtensions.Section}:{i}";
            if (string.IsNullOrWhiteSpace(s.Name))
            {
                errors.Add($"{label}:Name is empty.");
            }
            else if (!names.Add(s.Name))
            {
                errors.Add($"{label}:Name '{s.Name}' is used by another sink.");
            }

            if (s.Type == SinkType.Http)
            {
                // The URL itself is not echoed: it may carry a token.
                if (!Uri.TryCreate(s.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                {
                    errors.Add($"{label}:Url must be an absolute http or https URL.");
                }
            }
            else if (s.Type == SinkType.Syslog)
            {
                if (string.IsNullOrWhiteSpace(s.Host))
                {
                    errors.Add($"{label}:Host is empty.");
                }

                if (s.Port is < 1 or > 65535)
                {
                    errors.Add($"{label}:Port {s.Port} is outside 1..65535.");
                }

                if (s.Facility is < 0 or > 23)
                {
                    errors.Add($"{label}:Facility {s.Facility} is outside 0..23.");
                }

                if (string.IsNullOrEmpty(s.AppName) || s.AppName.Length > 48)
                {
                    errors.Add($"{label}:AppName must be 1..48 characters.");
                }
            }
            else
            {
                errors.Add($"{label}:Type '{s.Type}' is not http or syslog.");
            }

            if (s.BatchSize < 1)
            {
                errors.Add($"{label}:BatchSize must be at least 1.");
            }

            if (s.QueueCapacity < 1)
            {
                errors.Add($"{label}:QueueCapacity must be at least 1.");
            }

            if (s.FlushInterval < TimeSpan.Zero || s.InitialBackoff < TimeSpan.Zero || s.DrainTimeout < TimeSpan.Zero)
            {
                errors.Add($"{label}: FlushInterval, InitialBackoff and DrainTimeout must not be negative.");
            }

            if (s.MaxBackoff < s.InitialBackoff)
            {
                errors.Add($"{label}:MaxBackoff is below InitialBackoff.");
            }

            if (s.Timeout <= TimeSpan.Zero)
            {
                errors.Add($"{label}:Timeout must be positive.");
            }
        }

        return errors;
    }
}
