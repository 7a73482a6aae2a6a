using System.Net;
using Microsoft.Extensions.Options;

namespace Hush.ExtProc.Hosting;

/// <summary>Start-up validation of <see cref="HushOptions"/>: every problem named with its setting.</summary>
internal sealed class HushOptionsValidator : IValidateOptions<HushOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, HushOptions options)
    {
        var errors = new List<string>();
        if (!IPAddress.TryParse(options.BindAddress, out _))
        {
            errors.Add($"Hush:BindAddress '{options.BindAddress}' is not an IP address.");
        }

        if (options.GrpcPort is < 0 or > 65535)
        {
            errors.Add($"Hush:GrpcPort {options.GrpcPort} is outside 0..65535.");
        }

        if (options.AdminPort is < 0 or > 65535)
        {
            errors.Add($"Hush:AdminPort {options.AdminPort} is outside 0..65535.");
        }

        if (options.GrpcPort != 0 && options.GrpcPort == options.AdminPort)
        {
            errors.Add($"Hush:GrpcPort and Hush:AdminPort are both {options.GrpcPort}; they must differ.");
        }

        if (Array.IndexOf(StorageSetup.Kinds, options.Storage.ToLowerInvariant()) < 0)
        {
            errors.Add($"Hush:Storage '{options.Storage}' is not sqlite or postgres.");
        }

        if (string.IsNullOrWhiteSpace(options.PolicyPath))
        {
            errors.Add("Hush:PolicyPath is empty: set it to a compiled policy artifact (hushc compile -o FILE).");
        }

        var routeNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Routes.Count; i++)
        {
            var route = options.Routes[i];
            var label = $"Hush:Routes:{i}";
            if (string.IsNullOrWhiteSpace(route.Name) || route.Name == Policies.PolicyStore.DefaultName)
            {
                errors.Add($"{label}:Name is empty or 'default' (reserved); name every route uniquely.");
            }
            else if (!routeNames.Add(route.Name))
            {
                errors.Add($"{label}:Name '{route.Name}' is used twice.");
            }

            if (string.IsNullOrWhiteSpace(route.PolicyPath))
            {
                errors.Add($"{label}:PolicyPath is empty.");
            }

            if (string.IsNullOrEmpty(route.PathPrefix) && string.IsNullOrEmpty(route.Authority)
                && string.IsNullOrEmpty(route.Audience) && string.IsNullOrEmpty(route.Group))
            {
                errors.Add($"{label} has no condition (PathPrefix, Authority, Audience or Group) and would match every request.");
            }
        }

        if (!string.IsNullOrEmpty(options.PlaceholderKey) && !string.IsNullOrEmpty(options.PlaceholderKeyFile))
        {
            errors.Add("Hush:PlaceholderKey and Hush:PlaceholderKeyFile are both set; use one.");
        }
        else if (!string.IsNullOrEmpty(options.PlaceholderKey) && System.Text.Encoding.UTF8.GetByteCount(options.PlaceholderKey) < 16)
        {
            // The value itself is never echoed.
            errors.Add("Hush:PlaceholderKey is shorter than 16 bytes.");
        }
        else if (!string.IsNullOrEmpty(options.PlaceholderKeyFile) && !File.Exists(options.PlaceholderKeyFile))
        {
            errors.Add($"Hush:PlaceholderKeyFile '{options.PlaceholderKeyFile}' does not exist.");
        }

        if (options.PolicyPollInterval < TimeSpan.FromMilliseconds(100))
        {
            errors.Add($"Hush:PolicyPollInterval {options.PolicyPollInterval} is below 100 ms.");
        }

        if (options.MaxBufferedBodyBytes < 1)
        {
            errors.Add("Hush:MaxBufferedBodyBytes must be at least 1.");
        }

        if (options.MaxConcurrentStreams < 1)
        {
            errors.Add("Hush:MaxConcurrentStreams must be at least 1.");
        }

        if (options.MaxHeldBackBytes < 1024)
        {
            errors.Add($"Hush:MaxHeldBackBytes {options.MaxHeldBackBytes} is below 1024.");
        }

        if (!Enum.IsDefined(options.CompressedBodies))
        {
            errors.Add($"Hush:CompressedBodies '{options.CompressedBodies}' is not Decompress or Refuse.");
        }

        if (options.PassThrough && !options.AllowPassThrough)
        {
            errors.Add("Hush:PassThrough disables masking and is a benchmark baseline only; it also needs Hush:AllowPassThrough=true.");
        }

        if (string.IsNullOrWhiteSpace(options.Identity.MetadataNamespace) || string.IsNullOrWhiteSpace(options.Identity.PayloadKey))
        {
            errors.Add("Hush:Identity:MetadataNamespace and Hush:Identity:PayloadKey must be set (jwt_authn's namespace and payload_in_metadata key).");
        }

        if (options.Identity.HeaderFallback && string.IsNullOrWhiteSpace(options.Identity.HeaderName))
        {
            errors.Add("Hush:Identity:HeaderFallback is on but Hush:Identity:HeaderName is empty.");
        }

        foreach (var type in options.SkipContentTypes)
        {
            if (string.IsNullOrWhiteSpace(type) || type.Contains(' ', StringComparison.Ordinal))
            {
                errors.Add($"Hush:SkipContentTypes entry '{type}' is not a content type or prefix.");
            }
            else if (type.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
                || type.Contains("json", StringComparison.OrdinalIgnoreCase)
                || type.Contains("event-stream", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"Hush:SkipContentTypes entry '{type}' would let text through unscanned.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
