using Hush.ExtProc.Hosting;
using Hush.ExtProc.Identity;

namespace Hush.ExtProc.Processing;

/// <summary>The options a stream processor needs, resolved once at start-up (lower-cased skip list, defaults applied).</summary>
internal sealed class ProcessorSettings
{
    /// <summary>Resolves <paramref name="options"/>.</summary>
    public ProcessorSettings(HushOptions options)
    {
        StripAcceptEncoding = options.StripAcceptEncoding;
        MaskRequests = options.MaskRequests;
        CompressedBodies = options.CompressedBodies;
        MaxBufferedBodyBytes = options.MaxBufferedBodyBytes;
        MaxHeldBackBytes = options.MaxHeldBackBytes;
        PassThrough = options.PassThrough && options.AllowPassThrough;
        var skip = options.SkipContentTypes.Count > 0 ? options.SkipContentTypes : HushOptions.DefaultSkipContentTypes;
        var lower = new string[skip.Count];
        for (var i = 0; i < lower.Length; i++)
        {
            lower[i] = skip[i].Trim().ToLowerInvariant();
        }

        SkipContentTypes = lower;
        Identity = new IdentityExtractor(options.Identity);
        MetadataNamespace = options.MetadataNamespace;
    }

    /// <summary>Hold settings, or null when holds are off (no approval store configured).</summary>
    public HoldSettings? Holds { get; init; }

    /// <summary>Masked body bytes the audit record keeps per direction; 0 when there is no audit trail.</summary>
    public int AuditBodyBytes { get; init; }

    /// <summary>Reads the caller's identity from jwt_authn's payload.</summary>
    public IdentityExtractor Identity { get; }

    /// <summary>Namespace of the dynamic metadata written back to Envoy; empty for none.</summary>
    public string MetadataNamespace { get; }

    /// <summary>See <see cref="HushOptions.MaskRequests"/>.</summary>
    public bool MaskRequests { get; }

    /// <summary>See <see cref="HushOptions.StripAcceptEncoding"/>.</summary>
    public bool StripAcceptEncoding { get; }

    /// <summary>See <see cref="HushOptions.CompressedBodies"/>.</summary>
    public CompressedBodyHandling CompressedBodies { get; }

    /// <summary>See <see cref="HushOptions.MaxBufferedBodyBytes"/>.</summary>
    public int MaxBufferedBodyBytes { get; }

    /// <summary>See <see cref="HushOptions.MaxHeldBackBytes"/>.</summary>
    public int MaxHeldBackBytes { get; }

    /// <summary>Benchmark baseline: answer CONTINUE without scanning.</summary>
    public bool PassThrough { get; }

    /// <summary>Lower-case content types or prefixes (ending in '/') whose bodies are not scanned.</summary>
    public IReadOnlyList<string> SkipContentTypes { get; }

    /// <summary>True when <paramref name="contentType"/> (any case, parameters allowed) is on the skip list.</summary>
    public bool IsSkipped(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        var media = Codecs.MediaType.Of(contentType);

        // Structured-syntax text types (image/svg+xml, application/ld+json…) can carry secrets: always scanned.
        if (media.EndsWith("+xml", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var entry in SkipContentTypes)
        {
            var hit = entry.EndsWith('/')
                ? media.StartsWith(entry, StringComparison.OrdinalIgnoreCase)
                : media.Equals(entry, StringComparison.OrdinalIgnoreCase);
            if (hit)
            {
                return true;
            }
        }

        return false;
    }
}
