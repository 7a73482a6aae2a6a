using Envoy.Extensions.Filters.Http.ExtProc.V3;

namespace Hush.EnvoyEmulator.Filter;

/// <summary>Rejects the filter configurations Envoy rejects at config load (ext_proc <c>config.cc</c> and PGV rules).</summary>
public static class ExtProcConfigValidator
{
    private static readonly TimeSpan s_maxTimeout = TimeSpan.FromSeconds(3600);

    /// <summary>Returns every reason Envoy would refuse <paramref name="config"/>; empty when it is accepted.</summary>
    public static IReadOnlyList<string> Validate(ExtProcFilterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var errors = new List<string>();
        var mode = config.ProcessingMode ?? new ProcessingMode();
        if (mode.RequestBodyMode == ProcessingMode.Types.BodySendMode.FullDuplexStreamed
            && mode.RequestTrailerMode != ProcessingMode.Types.HeaderSendMode.Send)
        {
            errors.Add("If the ext_proc filter has the request_body_mode set to FULL_DUPLEX_STREAMED, then the request_trailer_mode has to be set to SEND");
        }

        if (mode.ResponseBodyMode == ProcessingMode.Types.BodySendMode.FullDuplexStreamed
            && mode.ResponseTrailerMode != ProcessingMode.Types.HeaderSendMode.Send)
        {
            errors.Add("If the ext_proc filter has the response_body_mode set to FULL_DUPLEX_STREAMED, then the response_trailer_mode has to be set to SEND");
        }

        if (mode.RequestBodyMode == ProcessingMode.Types.BodySendMode.Grpc || mode.ResponseBodyMode == ProcessingMode.Types.BodySendMode.Grpc)
        {
            errors.Add("GRPC body send mode is not implemented by the emulator");
        }

        if (!Enum.IsDefined(mode.RequestBodyMode) || !Enum.IsDefined(mode.ResponseBodyMode))
        {
            errors.Add("processing_mode body mode is not a defined BodySendMode value");
        }

        if (config.MessageTimeout < TimeSpan.Zero || config.MessageTimeout > s_maxTimeout)
        {
            errors.Add("message_timeout must be within [0s, 3600s]");
        }

        if (config.MaxMessageTimeout < TimeSpan.Zero || config.MaxMessageTimeout > s_maxTimeout)
        {
            errors.Add("max_message_timeout must be within [0s, 3600s]");
        }

        if (config.StatusOnError is < 100 or > 599)
        {
            errors.Add("status_on_error must be a defined HTTP status code");
        }

        if (config.BufferLimitBytes <= 0)
        {
            errors.Add("buffer limit must be positive");
        }

        foreach (var ns in config.ForwardingNamespacesUntyped.Concat(config.ReceivingNamespacesUntyped))
        {
            if (string.IsNullOrEmpty(ns))
            {
                errors.Add("metadata namespaces must be non-empty strings");
                break;
            }
        }

        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every reason when Envoy would refuse the config.</summary>
    public static void EnsureValid(ExtProcFilterConfig config)
    {
        var errors = Validate(config);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid ext_proc filter config: " + string.Join("; ", errors), nameof(config));
        }
    }
}
